package faqbot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A hand-written stand-in for the Telegram Bot API on 127.0.0.1, spoken to by the real
 * telegrambots client and long-polling application. It serves getUpdates from a script, holds
 * empty polls briefly like the real server, answers the methods the adapter uses with real-shaped
 * JSON, can be told to fail a method (429 with retry_after, 500, 403), and records every call.
 */
final class FakeBotApi implements AutoCloseable {
  static final long BOT_ID = 7_000_000_001L;
  static final String BOT_USERNAME = "HealthFaqTestBot";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One request as the fake understood it. */
  static final class Call {
    final String method;
    final Map<String, String> params;
    final Map<String, byte[]> files;
    final Map<String, String> fileNames;
    final long atNanos;
    /** The HTTP status the fake answered with. */
    volatile int status = 200;

    Call(String method, Map<String, String> params, Map<String, byte[]> files,
        Map<String, String> fileNames) {
      this.method = method;
      this.params = params;
      this.files = files;
      this.fileNames = fileNames;
      this.atNanos = System.nanoTime();
    }

    String param(String name) {
      return params.get(name);
    }

    JsonNode json(String name) {
      try {
        String raw = params.get(name);
        return raw == null ? null : JSON.readTree(raw);
      } catch (IOException e) {
        throw new AssertionError("parameter " + name + " is not JSON: " + params.get(name), e);
      }
    }

    @Override
    public String toString() {
      return method + params;
    }
  }

  private record Failure(int status, String body) {}

  private final String token;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fake-bot-api");
    t.setDaemon(true);
    return t;
  });
  private final List<Call> calls = new ArrayList<>();
  private final List<ObjectNode> updates = new ArrayList<>();
  private final Map<String, Deque<Failure>> failures = new HashMap<>();
  private final Map<String, String> chatTypes = new HashMap<>();
  /** Files users "uploaded", by file_id: getFile hands out a path, the download serves them. */
  private final Map<String, byte[]> files = new HashMap<>();
  private final Duration holdEmptyPoll;
  private int nextUpdateId = 100;
  private int nextMessageId = 5000;
  private int confirmedOffset;
  private int rateLimitEvery;
  private int sendCount;

  FakeBotApi(String token) throws IOException {
    this(token, Duration.ofMillis(150));
  }

  FakeBotApi(String token, Duration holdEmptyPoll) throws IOException {
    this.token = token;
    this.holdEmptyPoll = holdEmptyPoll;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Environment pointing the adapter at this fake. */
  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("TELEGRAM_BOT_TOKEN", token);
    env.put("TELEGRAM_API_URL", "http://127.0.0.1:" + port());
    env.put("TELEGRAM_POLL_TIMEOUT", "1");
    return env;
  }

  // ---- scripting ----

  /** Queues an update (update_id assigned here) for the next getUpdates. */
  synchronized int push(ObjectNode update) {
    int id = nextUpdateId++;
    update.put("update_id", id);
    JsonNode chat = update.at("/message/chat");
    if (chat.isMissingNode()) {
      chat = update.at("/callback_query/message/chat");
    }
    if (!chat.isMissingNode()) {
      chatTypes.put(chat.get("id").asText(), chat.get("type").asText());
    }
    updates.add(update);
    notifyAll();
    return id;
  }

  /** A file a user sent, served by getFile and the file download. */
  synchronized void putFile(String fileId, byte[] content) {
    files.put(fileId, content.clone());
  }

  /** The next call of {@code method} gets this HTTP status and body instead of success. */
  synchronized void failNext(String method, int status, String body) {
    failures.computeIfAbsent(method.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>())
        .add(new Failure(status, body));
  }

  /** The next call of {@code method} succeeds; queued before a failure, it delays that one. */
  synchronized void passNext(String method) {
    failNext(method, 200, null);
  }

  void tooManyRequestsNext(String method, int retryAfterSeconds) {
    failNext(method, 429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests:"
        + " retry after " + retryAfterSeconds + "\",\"parameters\":{\"retry_after\":"
        + retryAfterSeconds + "}}");
  }

  /** From now on every {@code n}th sendMessage gets a 429 with retry_after 1 (0: none). */
  synchronized void rateLimitEvery(int n) {
    rateLimitEvery = n;
  }

  // ---- inspection ----

  synchronized List<Call> calls(String method) {
    String m = method.toLowerCase(Locale.ROOT);
    return calls.stream().filter(c -> c.method.equals(m)).collect(Collectors.toList());
  }

  synchronized List<Call> allCalls() {
    return new ArrayList<>(calls);
  }

  synchronized int confirmedOffset() {
    return confirmedOffset;
  }

  /** Waits until {@code count} calls of {@code method} match, and returns all that match. */
  List<Call> await(String method, int count, Predicate<Call> filter, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (true) {
        List<Call> matching = calls(method).stream().filter(filter).collect(Collectors.toList());
        if (matching.size() >= count) {
          return matching;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("expected " + count + " " + method + " calls, got "
              + matching.size() + "; all calls: " + calls);
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  List<Call> await(String method, int count, Duration timeout) throws InterruptedException {
    return await(method, count, c -> true, timeout);
  }

  /** Messages delivered (answered 200) to one chat, in order. */
  synchronized List<Call> messagesTo(String chatId) {
    return calls("sendMessage").stream()
        .filter(c -> chatId.equals(c.param("chat_id")) && c.status == 200)
        .collect(Collectors.toList());
  }

  // ---- HTTP ----

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String filePrefix = "/file/bot" + token + "/documents/";
      if (path.startsWith(filePrefix)) {
        byte[] content;
        synchronized (this) {
          calls.add(new Call("download", Map.of("file_id", path.substring(filePrefix.length())),
              Map.of(), Map.of()));
          content = files.get(path.substring(filePrefix.length()));
          notifyAll();
        }
        if (content == null) {
          send(exchange, 404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
          return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, content.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(content);
        }
        return;
      }
      String prefix = "/bot" + token + "/";
      if (!path.startsWith(prefix)) {
        send(exchange, 401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
        return;
      }
      String method = path.substring(prefix.length()).toLowerCase(Locale.ROOT);
      Map<String, String> params = new LinkedHashMap<>();
      Map<String, byte[]> files = new LinkedHashMap<>();
      Map<String, String> fileNames = new LinkedHashMap<>();
      parseQuery(exchange.getRequestURI().getRawQuery(), params);
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      parseBody(type == null ? "" : type, body, params, files, fileNames);
      Call call = new Call(method, params, files, fileNames);
      Failure failure;
      synchronized (this) {
        Deque<Failure> queued = failures.get(method);
        failure = queued == null ? null : queued.poll();
        if (failure != null && failure.status == 200) {
          failure = null;
        }
        if (failure == null && method.equals("sendmessage") && rateLimitEvery > 0
            && ++sendCount % rateLimitEvery == 0) {
          failure = new Failure(429, "{\"ok\":false,\"error_code\":429,\"description\":"
              + "\"Too Many Requests: retry after 1\",\"parameters\":{\"retry_after\":1}}");
        }
        // the status is known before the call becomes visible to waiting tests
        call.status = failure == null ? 200 : failure.status;
        calls.add(call);
        notifyAll();
      }
      if (failure != null) {
        send(exchange, failure.status, failure.body);
        return;
      }
      send(exchange, 200, "{\"ok\":true,\"result\":" + result(method, call) + "}");
    } catch (RuntimeException | InterruptedException e) {
      send(exchange, 500, "{\"ok\":false,\"error_code\":500,\"description\":\"fake: " + e + "\"}");
    }
  }

  private String result(String method, Call call) throws InterruptedException, IOException {
    switch (method) {
      case "getupdates":
        return getUpdates(call);
      case "getme":
        return bot().toString();
      case "sendmessage":
        return message(call, m -> m.put("text", call.param("text"))).toString();
      case "senddocument":
        return message(call, m -> {
          ObjectNode doc = m.putObject("document");
          doc.put("file_id", "BQACAgIAAxkBAAI" + nextMessageId);
          doc.put("file_unique_id", "AgAD" + nextMessageId);
          doc.put("file_name", call.fileNames.getOrDefault("document", "file"));
          doc.put("file_size", call.files.getOrDefault("document", new byte[0]).length);
        }).toString();
      case "getfile": {
        String fileId = call.param("file_id");
        byte[] content;
        synchronized (this) {
          content = files.get(fileId);
        }
        if (content == null) {
          throw new IllegalArgumentException("Bad Request: invalid file_id");
        }
        ObjectNode file = NODES.objectNode();
        file.put("file_id", fileId);
        file.put("file_unique_id", "u" + fileId);
        file.put("file_size", content.length);
        file.put("file_path", "documents/" + fileId);
        return file.toString();
      }
      case "deletewebhook":
      case "setwebhook":
      case "setmycommands":
      case "deletemycommands":
      case "sendchataction":
      case "answercallbackquery":
        return "true";
      default:
        throw new IllegalArgumentException("method not faked: " + method);
    }
  }

  private String getUpdates(Call call) throws InterruptedException {
    int offset = parseInt(call.param("offset"), 0);
    int limit = parseInt(call.param("limit"), 100);
    int timeout = parseInt(call.param("timeout"), 0);
    long deadline = System.nanoTime()
        + (timeout > 0 ? Math.min(holdEmptyPoll.toNanos(), timeout * 1_000_000_000L) : 0);
    synchronized (this) {
      if (offset > 0) {
        // like Telegram: a higher offset confirms (forgets) every earlier update
        confirmedOffset = Math.max(confirmedOffset, offset);
        updates.removeIf(u -> u.get("update_id").asInt() < offset);
      }
      while (true) {
        List<ObjectNode> ready = updates.stream()
            .filter(u -> u.get("update_id").asInt() >= offset).limit(limit)
            .collect(Collectors.toList());
        long left = deadline - System.nanoTime();
        if (!ready.isEmpty() || left <= 0) {
          ArrayNode out = NODES.arrayNode();
          ready.forEach(out::add);
          return out.toString();
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  private interface Filler {
    void fill(ObjectNode message);
  }

  private synchronized ObjectNode message(Call call, Filler filler) {
    String chatId = call.param("chat_id");
    if (chatId == null) {
      throw new IllegalArgumentException("chat_id missing");
    }
    ObjectNode m = NODES.objectNode();
    m.put("message_id", nextMessageId++);
    m.put("date", System.currentTimeMillis() / 1000);
    ObjectNode chat = m.putObject("chat");
    chat.put("id", Long.parseLong(chatId));
    chat.put("type", chatTypes.getOrDefault(chatId, "private"));
    m.set("from", bot());
    filler.fill(m);
    return m;
  }

  private static ObjectNode bot() {
    ObjectNode bot = NODES.objectNode();
    bot.put("id", BOT_ID);
    bot.put("is_bot", true);
    bot.put("first_name", "Health FAQ");
    bot.put("username", BOT_USERNAME);
    return bot;
  }

  private static void parseBody(String contentType, byte[] body, Map<String, String> params,
      Map<String, byte[]> files, Map<String, String> fileNames) throws IOException {
    String type = contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("application/json")) {
      JsonNode root = JSON.readTree(body);
      if (root != null && root.isObject()) {
        root.properties().forEach(e -> params.put(e.getKey(),
            e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
      }
    } else if (type.startsWith("application/x-www-form-urlencoded")) {
      parseQuery(new String(body, StandardCharsets.UTF_8), params);
    } else if (type.startsWith("multipart/form-data")) {
      String boundary = null;
      for (String piece : contentType.split(";")) {
        piece = piece.strip();
        if (piece.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
          boundary = piece.substring("boundary=".length()).replace("\"", "");
        }
      }
      if (boundary == null) {
        throw new IllegalArgumentException("multipart without boundary");
      }
      parseMultipart(body, boundary, params, files, fileNames);
      // the Bot API's attach:// form: the field names the part that holds the file
      for (Map.Entry<String, String> p : new ArrayList<>(params.entrySet())) {
        if (p.getValue().startsWith("attach://")) {
          String part = p.getValue().substring("attach://".length());
          if (files.containsKey(part)) {
            files.put(p.getKey(), files.get(part));
            fileNames.put(p.getKey(), fileNames.get(part));
          }
        }
      }
    }
  }

  private static void parseMultipart(byte[] body, String boundary, Map<String, String> params,
      Map<String, byte[]> files, Map<String, String> fileNames) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int pos = indexOf(body, delimiter, 0);
    while (pos >= 0) {
      int start = pos + delimiter.length;
      if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
        break; // closing delimiter
      }
      start += 2; // CRLF after the delimiter
      int next = indexOf(body, delimiter, start);
      if (next < 0) {
        break;
      }
      int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
      String headers = new String(body, start, headerEnd - start, StandardCharsets.UTF_8);
      int contentStart = headerEnd + 4;
      int contentEnd = next - 2; // CRLF before the next delimiter
      byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
      String name = headerValue(headers, "name");
      String fileName = headerValue(headers, "filename");
      if (fileName != null) {
        files.put(name, content);
        fileNames.put(name, fileName);
      } else if (name != null) {
        params.put(name, new String(content, StandardCharsets.UTF_8));
      }
      pos = next;
    }
  }

  private static String headerValue(String headers, String key) {
    for (String line : headers.split("\r\n")) {
      if (!line.toLowerCase(Locale.ROOT).startsWith("content-disposition")) {
        continue;
      }
      for (String piece : line.split(";")) {
        piece = piece.strip();
        if (piece.startsWith(key + "=")) {
          return piece.substring(key.length() + 1).replace("\"", "");
        }
      }
    }
    return null;
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static void parseQuery(String raw, Map<String, String> params) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(k, v);
    }
  }

  private static int parseInt(String s, int dflt) {
    try {
      return s == null ? dflt : Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private boolean closed;

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.stop(0);
    executor.shutdownNow();
  }
}
