package faqbot.discord;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.utils.data.DataArray;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import net.dv8tion.jda.api.utils.data.DataObject;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A fake Discord on 127.0.0.1 for the real JDA client: the REST API (JDA's RestConfig base URL
 * points here) and a gateway websocket (OkHttp's MockWebServer). It answers IDENTIFY with READY and a full GUILD_CREATE,
 * acknowledges heartbeats, dispatches scripted events, and records every REST call.
 */
final class FakeDiscord implements AutoCloseable {
  static final String TOKEN = "fake-token-0123456789";
  static final long BOT_ID = 100000000000000001L;
  static final long APP_ID = BOT_ID;
  static final long GUILD_ID = 200000000000000001L;
  static final long CHANNEL_ID = 300000000000000001L;
  static final long PATIENT = 500000000000000001L;
  static final long MODERATOR = 500000000000000002L;
  static final long ADMIN = 500000000000000003L;
  static final long PATIENT_2 = 500000000000000004L;
  static final String EPOCH = "2025-01-01T00:00:00.000000+00:00";

  /** A REST call JDA made. {@code json} is the JSON body or a multipart's payload_json. */
  record Call(String method, String path, String query, String authorization, DataObject json,
      DataArray jsonArray, Map<String, byte[]> files) {
    boolean is(String m, String regex) {
      return method.equals(m) && path.matches(regex);
    }

    @Override
    public String toString() {
      return method + " " + path + (query == null ? "" : "?" + query) + " " + (json != null ? json : jsonArray);
    }
  }

  private record Failure(String method, Pattern path, int status, String body, Map<String, String> headers) {}

  private final HttpServer http;
  private final ExecutorService httpThreads = Executors.newFixedThreadPool(4);
  private final MockWebServer gateway = new MockWebServer();
  private final List<WebSocket> sessions = new CopyOnWriteArrayList<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<DataObject> identifies = new CopyOnWriteArrayList<>();
  /** Each identified gateway session: its shard, when it identified and when it ended. */
  private final List<GatewaySession> gatewaySessions = new CopyOnWriteArrayList<>();
  private final Map<WebSocket, GatewaySession> sessionOf = new java.util.concurrent.ConcurrentHashMap<>();
  private final Deque<Failure> failures = new ArrayDeque<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicLong ids = new AtomicLong();
  private final Object changed = new Object();
  /** Attachments users sent, by path, served to whoever fetches their URL. */
  private final Map<String, byte[]> served = new java.util.concurrent.ConcurrentHashMap<>();

  FakeDiscord() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    http.createContext("/", this::serve);
    http.setExecutor(httpThreads);
    http.start();
    WebSocketListener session = new WebSocketListener() {
      @Override
      public void onOpen(WebSocket c, Response upgrade) {
        sessions.add(c);
        c.send(DataObject.empty().put("op", 10).put("s", null).put("t", null)
            .put("d", DataObject.empty().put("heartbeat_interval", 41250)).toString());
      }

      @Override
      public void onMessage(WebSocket c, String text) {
        onGatewayMessage(c, DataObject.fromJson(text));
      }

      @Override
      public void onClosing(WebSocket c, int code, String reason) {
        c.close(1000, null);
        ended(c);
      }

      @Override
      public void onFailure(WebSocket c, Throwable t, Response response) {
        ended(c);
      }
    };
    gateway.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().webSocketUpgrade(session).build();
      }
    });
    gateway.start(InetAddress.getLoopbackAddress(), 0);
  }

  private void ended(WebSocket c) {
    sessions.remove(c);
    GatewaySession s = sessionOf.remove(c);
    if (s != null) {
      s.closedAt = System.nanoTime();
    }
    signal();
  }

  /** A gateway session as this server saw it (System.nanoTime; closedAt 0 while open). */
  static final class GatewaySession {
    final int shard;
    final long identifiedAt;
    volatile long closedAt;

    GatewaySession(int shard, long identifiedAt) {
      this.shard = shard;
      this.identifiedAt = identifiedAt;
    }

    boolean open() {
      return closedAt == 0;
    }

    @Override
    public String toString() {
      return "shard " + shard + " [" + identifiedAt / 1_000_000 + " ms, "
          + (open() ? "open" : closedAt / 1_000_000 + " ms") + "]";
    }
  }

  List<GatewaySession> gatewaySessions() {
    return List.copyOf(gatewaySessions);
  }

  /** The shards with an identified session open now. */
  java.util.Set<Integer> openShards() {
    java.util.Set<Integer> open = new java.util.TreeSet<>();
    gatewaySessions.stream().filter(GatewaySession::open).forEach(s -> open.add(s.shard));
    return open;
  }

  /** Waits until a recorded state holds; the condition is checked at every change. */
  void awaitState(java.util.function.BooleanSupplier condition, Duration timeout, Object what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (changed) {
      while (!condition.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("not within " + timeout + ": " + what);
        }
        changed.wait(Math.min(100, Math.max(1, left / 1_000_000)));
      }
    }
  }

  String restUrl() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/api/v10/";
  }

  String gatewayUrl() {
    return "ws://127.0.0.1:" + gateway.getPort() + "/";
  }

  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DISCORD_BOT_TOKEN", TOKEN);
    env.put("DISCORD_API_URL", restUrl());
    env.put("DISCORD_GATEWAY_URL", gatewayUrl());
    return env;
  }

  /** A fresh snowflake dated now: JDA refuses to answer interactions whose id is too old. */
  long nextId() {
    long discordEpoch = 1420070400000L;
    return ((System.currentTimeMillis() - discordEpoch) << 22) | (ids.getAndIncrement() & 0x3FFFFF);
  }

  // ---- gateway

  private void onGatewayMessage(WebSocket c, DataObject message) {
    int op = message.getInt("op");
    switch (op) {
      case 1: // heartbeat
        c.send(DataObject.empty().put("op", 11).toString());
        break;
      case 2: // identify
        identifies.add(message.getObject("d"));
        GatewaySession session = new GatewaySession(message.getObject("d").optArray("shard")
            .map(a -> a.getInt(0)).orElse(0), System.nanoTime());
        sessionOf.put(c, session);
        gatewaySessions.add(session);
        sendDispatch(c, "READY", ready(message.getObject("d")));
        sendDispatch(c, "GUILD_CREATE", guildCreate());
        signal();
        break;
      default:
        break;
    }
  }

  private void sendDispatch(WebSocket c, String type, DataObject d) {
    synchronized (sequence) {
      c.send(DataObject.empty().put("op", 0).put("s", sequence.incrementAndGet()).put("t", type)
          .put("d", d).toString());
    }
  }

  /** Sends an event to every connected gateway session. */
  void dispatch(String type, DataObject d) {
    if (sessions.isEmpty()) {
      throw new IllegalStateException("no gateway session is connected");
    }
    for (WebSocket c : sessions) {
      sendDispatch(c, type, d);
    }
  }

  List<DataObject> identifies() {
    return identifies;
  }

  int openSessions() {
    return sessions.size();
  }

  /**
   * Open gateway sessions once they have settled: the server sees a client's close frame a moment
   * after the client's close() returns, so this waits up to {@code timeout} for the count to reach
   * {@code expected} and returns the count it ended with.
   */
  int openSessionsSettlingTo(int expected, java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int n = openSessions();
    while (n != expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
      n = openSessions();
    }
    return n;
  }

  private DataObject ready(DataObject identify) {
    DataObject ready = DataObject.empty()
        .put("v", 10)
        .put("user", selfUser())
        .put("guilds", DataArray.empty().add(DataObject.empty().put("id", str(GUILD_ID)).put("unavailable", true)))
        .put("private_channels", DataArray.empty())
        .put("session_id", "fake-session-" + identifies.size())
        .put("resume_gateway_url", gatewayUrl())
        .put("application", DataObject.empty().put("id", str(APP_ID)).put("flags", 0))
        .put("presences", DataArray.empty())
        .put("relationships", DataArray.empty());
    identify.optArray("shard").ifPresent(shard -> ready.put("shard", shard));
    return ready;
  }

  static DataObject selfUser() {
    return user(BOT_ID, "FAQBot").put("bot", true).put("verified", true).put("mfa_enabled", false);
  }

  static DataObject user(long id, String name) {
    return DataObject.empty().put("id", str(id)).put("username", name).put("discriminator", "0")
        .put("global_name", name).put("avatar", null).put("public_flags", 0);
  }

  private DataObject guildCreate() {
    DataObject everyone = DataObject.empty().put("id", str(GUILD_ID)).put("name", "@everyone")
        .put("position", 0).put("permissions", "1071698660929").put("managed", false)
        .put("hoist", false).put("mentionable", false).put("flags", 0)
        .put("colors", DataObject.empty().put("primary_color", 0));
    DataObject channel = textChannel();
    DataObject botMember = member(BOT_ID, "FAQBot").put("user", selfUser());
    return DataObject.empty()
        .put("id", str(GUILD_ID)).put("name", "Clinic").put("owner_id", str(ADMIN))
        .put("unavailable", false).put("large", false).put("member_count", 1)
        .put("joined_at", EPOCH).put("preferred_locale", "en-US").put("features", DataArray.empty())
        .put("roles", DataArray.empty().add(everyone))
        .put("channels", DataArray.empty().add(channel))
        .put("threads", DataArray.empty())
        .put("members", DataArray.empty().add(botMember))
        .put("presences", DataArray.empty())
        .put("voice_states", DataArray.empty())
        .put("emojis", DataArray.empty())
        .put("stickers", DataArray.empty())
        .put("guild_scheduled_events", DataArray.empty())
        .put("stage_instances", DataArray.empty())
        .put("soundboard_sounds", DataArray.empty())
        .put("premium_tier", 0).put("afk_timeout", 300).put("mfa_level", 0).put("verification_level", 0)
        .put("explicit_content_filter", 0).put("default_message_notifications", 0)
        .put("nsfw_level", 0).put("system_channel_flags", 0).put("premium_progress_bar_enabled", false);
  }

  private static DataObject textChannel() {
    return DataObject.empty().put("id", str(CHANNEL_ID)).put("type", 0).put("guild_id", str(GUILD_ID))
        .put("name", "health-questions").put("position", 0).put("permission_overwrites", DataArray.empty())
        .put("nsfw", false).put("topic", null).put("last_message_id", null).put("rate_limit_per_user", 0)
        .put("parent_id", null);
  }

  static DataObject member(long userId, String name) {
    return DataObject.empty().put("user", user(userId, name)).put("roles", DataArray.empty())
        .put("joined_at", EPOCH).put("deaf", false).put("mute", false).put("flags", 0).put("pending", false)
        .put("nick", null).put("avatar", null).put("premium_since", null)
        .put("communication_disabled_until", null);
  }

  static long dmChannelOf(long userId) {
    return 400000000000000000L + (userId % 1000000L);
  }

  // ---- scripted events

  /** An interaction as Discord sends it, in the guild channel or in the user's DM. */
  DataObject interaction(int type, long userId, boolean inGuild, DataObject data) {
    long id = nextId();
    DataObject i = DataObject.empty()
        .put("id", str(id)).put("application_id", str(APP_ID)).put("type", type)
        .put("token", "itoken-" + id).put("version", 1).put("locale", "en-US")
        .put("app_permissions", "1071698660929").put("entitlements", DataArray.empty())
        .put("data", data);
    if (inGuild) {
      i.put("guild_id", str(GUILD_ID)).put("guild_locale", "en-US")
          .put("guild", DataObject.empty().put("id", str(GUILD_ID)).put("locale", "en-US").put("features", DataArray.empty()))
          .put("channel_id", str(CHANNEL_ID)).put("channel", textChannel().put("permissions", "1071698660929"))
          .put("member", member(userId, "user" + userId % 1000).put("permissions", "1071698660929"))
          .put("authorizing_integration_owners", DataObject.empty().put("0", str(GUILD_ID)))
          .put("context", 0);
    } else {
      long dm = dmChannelOf(userId);
      i.put("channel_id", str(dm))
          .put("channel", DataObject.empty().put("id", str(dm)).put("type", 1).put("flags", 0)
              .put("recipients", DataArray.empty().add(user(userId, "user" + userId % 1000))))
          .put("user", user(userId, "user" + userId % 1000))
          .put("authorizing_integration_owners", DataObject.empty().put("0", "0"))
          .put("context", 1);
    }
    return i;
  }

  /** Dispatches a slash command; options are name/value pairs (subcommand null for none). */
  DataObject slash(long userId, boolean inGuild, String name, String subcommand, Object... options) {
    DataArray opts = DataArray.empty();
    for (int k = 0; k < options.length; k += 2) {
      Object value = options[k + 1];
      int type = value instanceof Integer || value instanceof Long ? 4 : value instanceof UserRef ? 6 : 3;
      opts.add(DataObject.empty().put("name", options[k]).put("type", type)
          .put("value", value instanceof UserRef ? str(((UserRef) value).id()) : value));
    }
    DataObject data = DataObject.empty().put("id", str(nextId())).put("name", name).put("type", 1);
    if (subcommand != null) {
      data.put("options", DataArray.empty().add(DataObject.empty().put("name", subcommand).put("type", 1)
          .put("options", opts)));
    } else {
      data.put("options", opts);
    }
    DataObject i = interaction(2, userId, inGuild, data);
    dispatch("INTERACTION_CREATE", i);
    return i;
  }

  /**
   * What the user said, for test cores that echo it: the text, or a slash command's typed values
   * after its name ("/ask is it safe?"), which the adapter hands over typed, not as text.
   */
  static String said(faqbot.core.IncomingMessage m) {
    if (!m.isCommandCall()) {
      return m.text();
    }
    StringBuilder sb = new StringBuilder("/").append(m.command().name());
    m.command().arguments().values().forEach(v -> sb.append(' ').append(v));
    return sb.toString();
  }

  record UserRef(long id) {}

  /** Presses a button with this custom_id on a message the bot sent. */
  DataObject button(long userId, boolean inGuild, String customId) {
    DataObject data = DataObject.empty().put("custom_id", customId).put("component_type", 2);
    DataObject i = interaction(3, userId, inGuild, data);
    long channel = inGuild ? CHANNEL_ID : dmChannelOf(userId);
    i.put("message", message(nextId(), channel, selfUser(), "", inGuild).put("application_id", str(APP_ID)));
    dispatch("INTERACTION_CREATE", i);
    return i;
  }

  /** Submits a modal with text inputs (custom_id to value), each inside a label as JDA 6 expects. */
  DataObject modal(long userId, boolean inGuild, String modalId, Map<String, String> values) {
    DataArray components = DataArray.empty();
    int n = 1;
    for (Map.Entry<String, String> e : values.entrySet()) {
      components.add(DataObject.empty().put("type", 18).put("id", n++).put("component",
          DataObject.empty().put("type", 4).put("id", n++).put("custom_id", e.getKey()).put("value", e.getValue())));
    }
    DataObject i = interaction(5, userId, inGuild, DataObject.empty().put("custom_id", modalId).put("components", components));
    dispatch("INTERACTION_CREATE", i);
    return i;
  }

  /** A user's message in the guild channel; mentioning the bot adds it to mentions like Discord. */
  DataObject guildMessage(long userId, String content, boolean mentionsBot) {
    DataObject m = message(nextId(), CHANNEL_ID, user(userId, "user" + userId % 1000), content, true)
        .put("guild_id", str(GUILD_ID)).put("member", member(userId, "user" + userId % 1000).remove("user"));
    if (mentionsBot) {
      m.put("mentions", DataArray.empty().add(selfUser()));
    }
    dispatch("MESSAGE_CREATE", m);
    return m;
  }

  /**
   * A direct message as Discord's client sends text over the typing limit: no content, the text
   * as a {@code message.txt} attachment that this server serves.
   */
  DataObject directMessageAsFile(long userId, String text) {
    long id = nextId();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    served.put("/attachments/" + id + "/message.txt", bytes);
    String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/attachments/" + id + "/message.txt";
    DataObject m = message(nextId(), dmChannelOf(userId), user(userId, "user" + userId % 1000), "", false);
    m.put("attachments", DataArray.empty().add(DataObject.empty().put("id", str(id))
        .put("filename", "message.txt").put("size", bytes.length).put("url", url).put("proxy_url", url)
        .put("content_type", "text/plain; charset=utf-8")));
    dispatch("MESSAGE_CREATE", m);
    return m;
  }

  /** A direct message carrying a file (an upload), with {@code content} as its text. */
  DataObject directMessageWithFile(long userId, String content, String fileName, byte[] bytes) {
    long id = nextId();
    served.put("/attachments/" + id + "/" + fileName, bytes.clone());
    String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/attachments/" + id + "/" + fileName;
    DataObject m = message(nextId(), dmChannelOf(userId), user(userId, "user" + userId % 1000), content, false);
    m.put("attachments", DataArray.empty().add(DataObject.empty().put("id", str(id))
        .put("filename", fileName).put("size", bytes.length).put("url", url).put("proxy_url", url)
        .put("content_type", "text/plain; charset=utf-8")));
    dispatch("MESSAGE_CREATE", m);
    return m;
  }

  /** A user's direct message to the bot. */
  DataObject directMessage(long userId, String content) {
    DataObject m = message(nextId(), dmChannelOf(userId), user(userId, "user" + userId % 1000), content, false);
    dispatch("MESSAGE_CREATE", m);
    return m;
  }

  static DataObject message(long id, long channelId, DataObject author, String content, boolean inGuild) {
    return DataObject.empty().put("id", str(id)).put("type", 0).put("channel_id", str(channelId))
        .put("author", author).put("content", content).put("timestamp", EPOCH)
        .put("edited_timestamp", null).put("tts", false).put("mention_everyone", false)
        .put("mentions", DataArray.empty()).put("mention_roles", DataArray.empty())
        .put("attachments", DataArray.empty()).put("embeds", DataArray.empty())
        .put("components", DataArray.empty()).put("pinned", false).put("flags", 0);
  }

  // ---- REST

  /** The next request matching method and path regex fails with this status (429 with retry_after). */
  void failNext(String method, String pathRegex, int status, String body, Map<String, String> headers) {
    synchronized (failures) {
      failures.add(new Failure(method, Pattern.compile(pathRegex), status, body, headers));
    }
  }

  private Failure takeFailure(String method, String path) {
    synchronized (failures) {
      for (Failure f : failures) {
        if (f.method().equals(method) && f.path().matcher(path).matches()) {
          failures.remove(f);
          return f;
        }
      }
      return null;
    }
  }

  private static final Pattern COMMANDS = Pattern.compile("applications/\\d+(/guilds/\\d+)?/commands");
  private static final Pattern CALLBACK = Pattern.compile("interactions/(\\d+)/([^/]+)/callback");
  private static final Pattern WEBHOOK_ORIGINAL = Pattern.compile("webhooks/(\\d+)/([^/]+)/messages/@original");
  private static final Pattern WEBHOOK = Pattern.compile("webhooks/(\\d+)/([^/]+)");
  private static final Pattern CHANNEL_MESSAGES = Pattern.compile("channels/(\\d+)/messages");

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String rawPath = exchange.getRequestURI().getRawPath();
      String path = rawPath.startsWith("/api/v10/") ? rawPath.substring("/api/v10/".length()) : rawPath;
      path = java.net.URLDecoder.decode(path, StandardCharsets.UTF_8);
      byte[] body = exchange.getRequestBody().readAllBytes();
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      DataObject json = null;
      DataArray array = null;
      Map<String, byte[]> files = new LinkedHashMap<>();
      if (contentType != null && contentType.startsWith("multipart/form-data")) {
        Map<String, byte[]> parts = Multipart.parse(body, contentType);
        for (Map.Entry<String, byte[]> p : parts.entrySet()) {
          if (p.getKey().equals("payload_json")) {
            json = DataObject.fromJson(new String(p.getValue(), StandardCharsets.UTF_8));
          } else {
            files.put(p.getKey(), p.getValue());
          }
        }
      } else if (body.length > 0) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.startsWith("[")) {
          array = DataArray.fromJson(text);
        } else if (text.startsWith("{")) {
          json = DataObject.fromJson(text);
        }
      }
      Call call = new Call(method, path, exchange.getRequestURI().getRawQuery(),
          exchange.getRequestHeaders().getFirst("Authorization"), json, array, files);
      Failure failure = takeFailure(method, path);
      if (failure != null) {
        failure.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        respond(exchange, failure.status(), failure.body());
        record(call);
        return;
      }
      String response;
      int status = 200;
      Matcher m;
      if (method.equals("GET") && served.containsKey(path)) {
        byte[] file = served.get(path);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(200, file.length);
        exchange.getResponseBody().write(file);
        record(call);
        return;
      } else if (method.equals("GET") && path.equals("users/@me")) {
        response = selfUser().toString();
      } else if (method.equals("GET") && path.equals("gateway/bot")) {
        response = DataObject.empty().put("url", gatewayUrl()).put("shards", 1)
            .put("session_start_limit", DataObject.empty().put("total", 1000).put("remaining", 999)
                .put("reset_after", 0).put("max_concurrency", 1)).toString();
      } else if (method.equals("GET") && path.equals("gateway")) {
        response = DataObject.empty().put("url", gatewayUrl()).toString();
      } else if (method.equals("PUT") && COMMANDS.matcher(path).matches()) {
        DataArray out = DataArray.empty();
        if (array != null) {
          for (int k = 0; k < array.length(); k++) {
            out.add(array.getObject(k).put("id", str(nextId())).put("application_id", str(APP_ID))
                .put("version", str(nextId())));
          }
        }
        response = out.toString();
      } else if (method.equals("POST") && CALLBACK.matcher(path).matches()) {
        status = 204;
        response = null;
      } else if (method.equals("PATCH") && (m = WEBHOOK_ORIGINAL.matcher(path)).matches()) {
        response = sentMessage(dmOrGuildChannel(), json).put("webhook_id", m.group(1)).toString();
      } else if (method.equals("DELETE") && WEBHOOK_ORIGINAL.matcher(path).matches()) {
        status = 204;
        response = null;
      } else if (method.equals("POST") && (m = WEBHOOK.matcher(path)).matches()) {
        response = sentMessage(dmOrGuildChannel(), json).put("webhook_id", m.group(1)).toString();
      } else if (method.equals("POST") && (m = CHANNEL_MESSAGES.matcher(path)).matches()) {
        response = sentMessage(Long.parseLong(m.group(1)), json).toString();
      } else if (method.equals("POST") && path.equals("users/@me/channels")) {
        long recipient = json.getLong("recipient_id");
        response = DataObject.empty().put("id", str(dmChannelOf(recipient))).put("type", 1)
            .put("recipients", DataArray.empty().add(user(recipient, "user" + recipient % 1000)))
            .put("last_message_id", null).toString();
      } else {
        status = 404;
        response = DataObject.empty().put("message", "404: Not Found").put("code", 0).toString();
      }
      respond(exchange, status, response);
      record(call);
    } catch (RuntimeException e) {
      e.printStackTrace();
      throw e;
    }
  }

  private static long dmOrGuildChannel() {
    return CHANNEL_ID;
  }

  private DataObject sentMessage(long channelId, DataObject payload) {
    DataObject m = message(nextId(), channelId, selfUser(), "", false).put("application_id", str(APP_ID));
    if (payload != null) {
      payload.optArray("embeds").ifPresent(embeds -> {
        DataArray typed = DataArray.empty();
        // copies: the recorded request must stay as JDA sent it
        embeds.stream(DataArray::getObject)
            .forEach(e -> typed.add(DataObject.fromJson(e.toString()).put("type", "rich")));
        m.put("embeds", typed);
      });
      payload.optArray("components").ifPresent(c -> m.put("components", c));
      m.put("content", payload.getString("content", ""));
      m.put("flags", payload.getInt("flags", 0));
    }
    return m;
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private void record(Call call) {
    calls.add(call);
    signal();
  }

  private void signal() {
    synchronized (changed) {
      changed.notifyAll();
    }
  }

  List<Call> calls() {
    return new ArrayList<>(calls);
  }

  /** Index to pass to {@link #callsSince} to see only what happened after this point. */
  int mark() {
    return calls.size();
  }

  List<Call> callsSince(int mark) {
    List<Call> all = calls();
    return new ArrayList<>(all.subList(Math.min(mark, all.size()), all.size()));
  }

  /** Waits for the first recorded call (from {@code since}) matching the predicate. */
  Call await(int since, Predicate<Call> matching, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (changed) {
      while (true) {
        for (Call c : callsSince(since)) {
          if (matching.test(c)) {
            return c;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no matching Discord call within " + timeout + "; calls since "
              + since + ": " + callsSince(since));
        }
        changed.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Waits until {@code count} recorded calls (from {@code since}) match. */
  List<Call> awaitCount(int since, Predicate<Call> matching, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (changed) {
      while (true) {
        List<Call> found = new ArrayList<>();
        for (Call c : callsSince(since)) {
          if (matching.test(c)) {
            found.add(c);
          }
        }
        if (found.size() >= count) {
          return found;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("expected " + count + " matching Discord calls within " + timeout
              + ", found " + found.size() + "; calls since " + since + ": " + callsSince(since));
        }
        changed.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Waits until a gateway session identified (count of IDENTIFY payloads reaches n). */
  void awaitIdentify(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (changed) {
      while (identifies.size() < n) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no IDENTIFY within " + timeout);
        }
        changed.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  static String str(long id) {
    return Long.toUnsignedString(id);
  }

  @Override
  public void close() throws IOException {
    gateway.close();
    http.stop(0);
    httpThreads.shutdownNow();
  }

  /** Just enough multipart/form-data parsing for JDA's payload_json + files[n] uploads. */
  static final class Multipart {
    private Multipart() {}

    static Map<String, byte[]> parse(byte[] body, String contentType) {
      String boundary = null;
      for (String p : contentType.split(";")) {
        p = p.strip();
        if (p.startsWith("boundary=")) {
          boundary = p.substring("boundary=".length()).replace("\"", "");
        }
      }
      Map<String, byte[]> parts = new LinkedHashMap<>();
      if (boundary == null) {
        return parts;
      }
      String all = new String(body, StandardCharsets.ISO_8859_1);
      for (String chunk : all.split(Pattern.quote("--" + boundary))) {
        int headerEnd = chunk.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
          continue;
        }
        String headers = chunk.substring(0, headerEnd);
        String content = chunk.substring(headerEnd + 4);
        if (content.endsWith("\r\n")) {
          content = content.substring(0, content.length() - 2);
        }
        Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
        Matcher filename = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
        if (name.find()) {
          String key = filename.find() ? filename.group(1) : name.group(1);
          parts.put(key, content.getBytes(StandardCharsets.ISO_8859_1));
        }
      }
      return parts;
    }
  }
}
