package faqbot.knowledge;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * Sentence embeddings with all-MiniLM-L6-v2 (quantized), run in-process from the model inside the
 * dependency's jar: no network, no files to install. Vectors are unit length, so the dot product
 * is the cosine.
 *
 * <p>The ONNX session runs each inference on one thread: the bot embeds one short message at a
 * time, where a thread pool per call costs more than it saves, and bulk embedding parallelises
 * over batches instead ({@link #embedAll}), which keeps both cores busy without oversubscribing.
 */
final class Embeddings {
  static final int DIMENSION = 384;
  /** Part of every cache key: another model (or text recipe) must never reuse these vectors. */
  static final String MODEL_ID = "all-minilm-l6-v2-q/1";
  /**
   * The model was trained on sequences of up to 128 word pieces and reads longer ones worse (and
   * slower); about 90 words stay within that.
   */
  static final int MAX_WORDS = 90;
  static final int MAX_TOKENS = 128;
  private static final int THREADS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));

  private static volatile Embeddings shared;
  private static final java.util.concurrent.atomic.AtomicLong EMBEDDED = new java.util.concurrent.atomic.AtomicLong();

  private final Model model;

  private Embeddings(Model model) {
    this.model = model;
  }

  /** The process-wide model: loading it takes about a second, and it is read-only afterwards. */
  static Embeddings get() {
    Embeddings e = shared;
    if (e == null) {
      synchronized (Embeddings.class) {
        e = shared;
        if (e == null) {
          e = new Embeddings(Model.load());
          shared = e;
        }
      }
    }
    return e;
  }

  /** Texts embedded by this process so far: lets tests see that cached entry vectors were reused. */
  static long embedded() {
    return EMBEDDED.get();
  }

  /**
   * Texts embedded one at a time (messages) whose vectors are kept, about 1.6 KB each: patients
   * ask the common questions again and again, in the same words, and embedding a message is most
   * of a search's work. Least frequently and recently asked go first (Caffeine's W-TinyLFU).
   * The system property {@value KnowledgeBase#EMBEDDING_CACHE_PROPERTY} sets another size; 0
   * keeps none, for benchmarks that repeat their messages but mean to measure new ones.
   */
  static final int RECENT_TEXTS = Integer.getInteger(KnowledgeBase.EMBEDDING_CACHE_PROPERTY, 4096);

  /** The vectors of texts embedded one at a time, shared by all threads, keyed by exact text. */
  private final com.github.benmanes.caffeine.cache.Cache<String, float[]> recent =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(RECENT_TEXTS)
          .executor(Runnable::run).build();

  /**
   * A unit vector for the text (an empty text embeds as a space would), in a copy of its own. The
   * model gives a text the same vector every time it embeds it alone, so a kept one is the same.
   */
  float[] embed(String text) {
    String t = text == null || text.isBlank() ? "?" : text;
    EMBEDDED.incrementAndGet();
    return recent.get(t, model::embedOne).clone();
  }

  /** Embeds many texts over the machine's (at most two) cores, in order. */
  List<float[]> embedAll(List<String> texts) {
    if (texts.size() < 64 || THREADS == 1) {
      return model.embed(texts);
    }
    ExecutorService pool = pool();
    int n = texts.size();
    int per = (n + THREADS - 1) / THREADS;
    List<Future<List<float[]>>> parts = new ArrayList<>();
    for (int from = 0; from < n; from += per) {
      List<String> slice = texts.subList(from, Math.min(n, from + per));
      parts.add(pool.submit(() -> model.embed(slice)));
    }
    List<float[]> out = new ArrayList<>(n);
    try {
      for (Future<List<float[]>> f : parts) {
        out.addAll(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while embedding", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("embedding failed: " + e.getCause(), e.getCause());
    }
    return out;
  }

  private static volatile ExecutorService pool;

  private static ExecutorService pool() {
    ExecutorService p = pool;
    if (p == null) {
      synchronized (Embeddings.class) {
        p = pool;
        if (p == null) {
          p = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "faqbot-embed");
            t.setDaemon(true);
            return t;
          });
          pool = p;
        }
      }
    }
    return p;
  }

  /**
   * What an entry is embedded as: what it answers (its question, or an article's title) and its
   * topic, since a MedQuAD question often names its topic only by an abbreviation or not at all.
   */
  static String entryText(Entry e) {
    String q = e.question() != null && !e.question().isBlank() ? e.question() : e.title();
    q = q == null ? "" : q.strip();
    String focus = e.focus() == null ? "" : e.focus().strip();
    if (!focus.isEmpty() && !q.toLowerCase(Locale.ROOT).contains(focus.toLowerCase(Locale.ROOT))) {
      q = focus + ": " + q;
    }
    return limitWords(q);
  }

  /** Passages a page is matched by, besides its main text: bounds index size and import time. */
  static final int MAX_PASSAGES = 48;
  /** Words per passage: a few sentences, one point of the page. */
  private static final int PASSAGE_WORDS = 45;

  /**
   * What else a page is embedded as, so that a question about any part of it finds it: its titles,
   * summaries, the questions its asker put, and its text in passages of a few sentences under
   * their heading. A MedQuAD pair answers the one labelled question it is embedded as and gets
   * none; a doctor's page or an article covers symptoms, causes, treatment and outlook at once,
   * and its main text (a patient's story, a headline) is close to few of the questions it answers.
   */
  static List<String> passages(Entry e) {
    // patients' phrasings a moderator linked, embedded as a message is: first, so that the limit
    // below never drops one, and for every kind of entry
    java.util.LinkedHashSet<String> alternatives = new java.util.LinkedHashSet<>();
    e.alternativeQuestions().forEach(q -> addPassage(alternatives, queryText(q)));
    alternatives.remove(entryText(e));
    if (e.questionType() != null && !e.questionType().isBlank()) {
      return List.copyOf(alternatives);
    }
    String title = e.title() == null ? "" : e.title().strip();
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>(alternatives);
    addPassage(out, title);
    addPassage(out, e.seoTitle());
    addPassage(out, e.seoDescription());
    addPassage(out, e.quickTake());
    e.atAGlance().forEach(s -> addPassage(out, s));
    if (e.question() != null && !e.question().isBlank() && !e.question().strip().equals(title)) {
      // the page's own questions, without the story around them
      addPassage(out, queryText(title + "\n" + e.question()));
    }
    e.similarQuestions().forEach(s -> addPassage(out, s));
    for (String text : new String[] {e.reply(), e.moreInfo(), e.body()}) {
      chunks(title, text, out);
    }
    out.remove(entryText(e));
    return out.stream().limit(MAX_PASSAGES + alternatives.size()).toList();
  }

  private static void addPassage(java.util.Set<String> out, String s) {
    if (s != null && !s.isBlank()) {
      out.add(limitWords(s.strip()));
    }
  }

  /**
   * Splits a text into passages of whole sentences. A short line without end punctuation is a
   * heading: it closes the passage before it and leads each passage of its section, since a
   * sentence such as "It can travel from the spine into the heart." means little without it.
   */
  private static void chunks(String title, String text, java.util.Set<String> out) {
    if (text == null || text.isBlank()) {
      return;
    }
    String heading = title;
    StringBuilder chunk = new StringBuilder();
    int words = 0;
    for (String line : text.split("\\n")) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      int lineWords = l.split("\\s+").length;
      if (lineWords <= 10 && !l.matches(".*[.?!:]$")) {
        flush(heading, chunk, out);
        words = 0;
        heading = l;
        continue;
      }
      for (String sentence : SENTENCE_END.split(l)) {
        int n = sentence.split("\\s+").length;
        if (words > 0 && words + n > PASSAGE_WORDS) {
          flush(heading, chunk, out);
          words = 0;
        }
        chunk.append(chunk.length() == 0 ? "" : " ").append(sentence.strip());
        words += n;
      }
    }
    flush(heading, chunk, out);
  }

  private static void flush(String heading, StringBuilder chunk, java.util.Set<String> out) {
    if (chunk.length() > 0) {
      addPassage(out, heading.isEmpty() ? chunk.toString() : heading + ": " + chunk);
      chunk.setLength(0);
    }
  }

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.?!])\\s+|\\n+");
  private static final Pattern ASKS = Pattern.compile(
      "\\?|^(what|how|why|is|are|can|could|does|do|did|should|will|would|which|when|where|who"
          + "|any|please)\\b|\\b(i want to know|i would like to know|wondering|tell me)\\b");

  /**
   * What a message is embedded as: its first line (a subject, or the question itself) and the
   * sentences that ask something. The story around a question (ages, dates, who said what) moves
   * a sentence vector away from the entries that answer it, and the model reads only so much.
   */
  static String queryText(String message) {
    if (message == null) {
      return "";
    }
    String m = message.strip();
    int nl = m.indexOf('\n');
    String first = nl < 0 ? m : m.substring(0, nl).strip();
    String rest = nl < 0 ? "" : m.substring(nl + 1);
    StringBuilder b = new StringBuilder(first);
    int asking = 0;
    for (String s : SENTENCE_END.split(rest)) {
      String t = s.strip();
      if (!t.isEmpty() && ASKS.matcher(t.toLowerCase(Locale.ROOT)).find()) {
        b.append(b.length() == 0 ? "" : " ").append(t);
        asking++;
      }
    }
    if (asking == 0 && !rest.isBlank()) {
      b.append(b.length() == 0 ? "" : " ").append(rest.strip());
    }
    return limitWords(b.toString());
  }

  private static String limitWords(String text) {
    String[] words = text.strip().split("\\s+");
    return words.length <= MAX_WORDS ? text.strip() : String.join(" ", List.of(words).subList(0, MAX_WORDS));
  }

  /** The cache key of a text's vector. */
  static String key(String text) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(MODEL_ID.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
      d.update(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static byte[] encode(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }

  static float[] decode(byte[] bytes) {
    float[] v = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }

  static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static float[] normalise(float[] v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    n = Math.sqrt(n);
    if (n == 0) {
      return v;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / n);
    }
    return out;
  }

  /**
   * The model inside the library's jar, run directly: the library embeds one text per inference,
   * and batching texts of similar length made importing all of MedQuAD faster. The model quantizes
   * activations per batch, so a text's vector moves slightly with its batch-mates (cosine above
   * 0.98 to the text embedded alone); the cache keeps the first vector made, so rebuilds agree.
   */
  /** DJL's switch for its usage report; see {@code Model.load}. */
  static final String DJL_TRACKING = "OPT_OUT_TRACKING";

  private static final class Model {
    private static final int BATCH = 32;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;

    private Model(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer) throws OrtException {
      this.env = env;
      this.session = session;
      this.tokenizer = tokenizer;
      this.typeIds = session.getInputNames().contains("token_type_ids");
    }

    static Model load() {
      // the tokenizer library (DJL) otherwise asks a cloud metadata address who we are and reports
      // its use to its makers' servers on first load: a medical bot sends nothing anywhere
      if (System.getProperty(DJL_TRACKING) == null) {
        System.setProperty(DJL_TRACKING, "true");
      }
      try {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        OrtSession session = env.createSession(resource("all-minilm-l6-v2-q.onnx"), options);
        try (InputStream in = new java.io.ByteArrayInputStream(resource("all-minilm-l6-v2-q-tokenizer.json"))) {
          HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(in, java.util.Map.of(
              "padding", "false", "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS)));
          return new Model(env, session, tokenizer);
        }
      } catch (OrtException | IOException e) {
        throw new IllegalStateException("cannot load the embedding model: " + e.getMessage(), e);
      }
    }

    private static byte[] resource(String name) throws IOException {
      try (InputStream in = Model.class.getClassLoader().getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("the embedding model's " + name + " is missing from the classpath");
        }
        return in.readAllBytes();
      }
    }

    /** Unit vectors of the texts, in order. */
    List<float[]> embed(List<String> texts) {
      EMBEDDED.addAndGet(texts.size());
      List<long[]> ids = new ArrayList<>(texts.size());
      for (String t : texts) {
        ids.add(tokenizer.encode(t).getIds());
      }
      // similar lengths together, so little of a batch is padding
      Integer[] order = new Integer[texts.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> ids.get(i).length));
      float[][] out = new float[texts.size()][];
      for (int from = 0; from < order.length; from += BATCH) {
        int to = Math.min(order.length, from + BATCH);
        Integer[] batch = java.util.Arrays.copyOfRange(order, from, to);
        float[][] vectors = run(batch, ids);
        for (int i = 0; i < batch.length; i++) {
          out[batch[i]] = vectors[i];
        }
      }
      return java.util.Arrays.asList(out);
    }

    /**
     * One text, as a batch of one: flat buffers in and out instead of nested arrays, which ONNX
     * Runtime's Java API copies element by element (a message is embedded on every search).
     */
    float[] embedOne(String text) {
      long[] ids = tokenizer.encode(text).getIds();
      return run(new Integer[] {0}, List.of(ids))[0];
    }

    private float[][] run(Integer[] batch, List<long[]> ids) {
      int len = 0;
      for (Integer i : batch) {
        len = Math.max(len, ids.get(i).length);
      }
      long[] input = new long[batch.length * len];
      long[] mask = new long[batch.length * len];
      for (int b = 0; b < batch.length; b++) {
        long[] t = ids.get(batch[b]);
        System.arraycopy(t, 0, input, b * len, t.length);
        java.util.Arrays.fill(mask, b * len, b * len + t.length, 1);
      }
      long[] shape = {batch.length, len};
      java.util.Map<String, OnnxTensor> inputs = new java.util.HashMap<>();
      try {
        inputs.put("input_ids", OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(input), shape));
        inputs.put("attention_mask", OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(mask), shape));
        if (typeIds) {
          inputs.put("token_type_ids",
              OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(new long[input.length]), shape));
        }
        try (OrtSession.Result r = session.run(inputs)) {
          // [batch][len][DIMENSION], read in place rather than copied into nested arrays
          java.nio.FloatBuffer hidden = ((OnnxTensor) r.get(0)).getFloatBuffer();
          float[] row = new float[DIMENSION];
          float[][] out = new float[batch.length][];
          for (int b = 0; b < batch.length; b++) {
            // mean over the text's own tokens, as the model was trained
            float[] v = new float[DIMENSION];
            int n = ids.get(batch[b]).length;
            for (int t = 0; t < n; t++) {
              hidden.get((b * len + t) * DIMENSION, row);
              for (int d = 0; d < DIMENSION; d++) {
                v[d] += row[d];
              }
            }
            out[b] = normalise(v);
          }
          return out;
        }
      } catch (OrtException e) {
        throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
      } finally {
        inputs.values().forEach(OnnxTensor::close);
      }
    }
  }
}
