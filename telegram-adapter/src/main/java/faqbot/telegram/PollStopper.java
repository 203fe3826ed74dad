package faqbot.telegram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Ends a long poll at shutdown as if Telegram had answered "no updates". Cancelling the HTTP
 * call instead would make the library log an error with a stack trace on every clean stop. The
 * abandoned request is cancelled afterwards; its updates were never confirmed, so Telegram
 * delivers them again on the next start and nothing is lost.
 */
final class PollStopper implements Interceptor {
  private static final String NO_UPDATES = "{\"ok\":true,\"result\":[]}";

  private final CompletableFuture<Void> stopping = new CompletableFuture<>();
  private final ExecutorService io = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "tg-poll-io");
    t.setDaemon(true);
    return t;
  });

  @Override
  public Response intercept(Chain chain) throws IOException {
    if (stopping.isDone()) {
      return noUpdates(chain);
    }
    CompletableFuture<Response> network = CompletableFuture.supplyAsync(() -> {
      try {
        return chain.proceed(chain.request());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, io);
    try {
      CompletableFuture.anyOf(network, stopping).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // the network call failed: reported below
    }
    if (network.isDone()) {
      try {
        return network.join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UncheckedIOException) {
          throw ((UncheckedIOException) cause).getCause();
        }
        throw new IOException(cause);
      }
    }
    network.thenAccept(Response::close);
    return noUpdates(chain);
  }

  private static Response noUpdates(Chain chain) {
    return new Response.Builder()
        .request(chain.request())
        .protocol(Protocol.HTTP_1_1)
        .code(200)
        .message("OK")
        .body(ResponseBody.create(NO_UPDATES, MediaType.get("application/json")))
        .build();
  }

  /** Makes the poll in progress, and every later one, return no updates at once. */
  void stop() {
    stopping.complete(null);
  }

  void shutdown() {
    io.shutdownNow();
  }
}
