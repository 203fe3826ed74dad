package faqbot.core.triage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Speed of {@link Triage#assess} with every bundled language, kept out of the test run (timings
 * on a shared machine make flaky tests). Prints the median over rounds of CPU time and of wall
 * time per message, and for scale the cost of merely copying the same text in lower case, so
 * figures from a loaded machine can be judged. Targets: under 50 µs CPU for 2,000 characters,
 * under 1 ms for 100 KB.
 * Run after {@code ./mvnw -q -pl bot-core -am test-compile}:
 * {@code java -cp bot-core/target/classes:bot-core/target/test-classes:knowledge/target/classes:$(ls ~/.m2/repository/com/ibm/icu/icu4j/79.1/icu4j-79.1.jar) faqbot.core.triage.TriageBench}.
 */
public final class TriageBench {

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static final int ROUNDS = 7;
  private static long sink;

  private TriageBench() {}

  /**
   * The benchmark's messages: questions, an emergency, negations, Spanish, Chinese, Italian,
   * Russian, Dutch, Polish, 100 KB; then Arabic, Vietnamese, Turkish, Ukrainian, alarm words
   * denied and dated, a 100 KB history in six languages ending in an emergency, 100 KB Chinese.
   */
  static List<String> messages() {
  return List.of(
      fill("I had balloon kyphoplasty for a compression fracture last month and the back is sore. "
          + "What calcium and vitamin D doses do you recommend with osteoporosis? ", 2000),
      fill("My mother had vertebroplasty, her chest hurts, no fever, she is not short of breath, "
          + "what are the signs of cement embolism and how common is it after the procedure? ",
          2000),
      fill("help my husband collapsed and is not breathing, his lips are blue, he took pills ",
          2000),
      fill("no i am not having a stroke, it was years ago, what causes weakness in legs? ", 2000),
      fill("Tengo dolor de espalda desde la operación y quisiera saber qué ejercicios puedo "
          + "hacer en casa para mejorar. ", 2000),
      fill("我妈妈做了椎体成形术，现在背还是有点疼，请问需要注意什么？", 2000),
      fill("Mia madre ha fatto la cifoplastia il mese scorso e ha ancora un po' di mal di schiena, "
          + "quali esercizi puo fare a casa e quando puo tornare a guidare? ", 2000),
      fill("Моя мама перенесла кифопластику в прошлом месяце, спина ещё немного болит. Какие "
          + "упражнения ей можно делать дома и когда можно снова водить машину? ", 2000),
      fill("Mijn moeder heeft vorige maand een kyfoplastiek gehad en heeft nog wat rugpijn. Welke "
          + "oefeningen kan ze thuis doen en wanneer mag ze weer autorijden? ", 2000),
      fill("Moja mama miała miesiąc temu kyfoplastykę i nadal trochę boli ją kręgosłup. Jakie "
          + "ćwiczenia może robić w domu i kiedy może znowu prowadzić samochód? ", 2000),
      fill("I had balloon kyphoplasty for a compression fracture last month and the back is sore. "
          + "My mother had vertebroplasty, her chest hurts, no fever. ", 100_000),
      // the languages that fold through the whole-text NFKC path (Arabic, Vietnamese) or have
      // letters of their own (Turkish, Ukrainian)
      fill("أمي أجرت عملية رأب الحدبة الشهر الماضي وما زال ظهرها يؤلمها قليلاً. ما هي التمارين "
          + "التي يمكنها القيام بها في المنزل ومتى يمكنها قيادة السيارة مرة أخرى؟ ", 2000),
      fill("Mẹ tôi đã phẫu thuật tạo hình đốt sống tháng trước và lưng vẫn còn hơi đau. Bà có thể "
          + "tập những bài tập nào ở nhà và khi nào có thể lái xe lại? ", 2000),
      fill("Annem geçen ay kifoplasti ameliyatı oldu ve sırtı hâlâ biraz ağrıyor. Evde hangi "
          + "egzersizleri yapabilir ve ne zaman tekrar araba kullanabilir? ", 2000),
      fill("Моя мама перенесла кіфопластику минулого місяця, спина ще трохи болить. Які вправи "
          + "їй можна робити вдома і коли можна знову керувати автомобілем? ", 2000),
      // alarm words in nearly every clause, denied, dated or asked about: the context rules and
      // their cues run instead of being passed over
      fill("He had a stroke in 2015 and a seizure years ago, no chest pain today, not short of "
          + "breath, denies suicidal thoughts; what should we watch for after the heart attack he "
          + "had last year, and can an overdose of his pills cause bleeding? ", 2000),
      // a pasted history in six languages, alarm words denied or dated, the emergency at its end
      fill("No chest pain, no shortness of breath, history of stroke in 2015. No tengo dolor de "
          + "pecho ni fiebre desde ayer. Il a fait un AVC il y a cinq ans. Keine Atemnot, kein "
          + "Fieber. 他去年中风过，现在没有胸痛。Инсульт был три года назад, сейчас боли в груди "
          + "нет. ", 100_000 - 60) + "now he suddenly cannot breathe and his lips are blue",
      fill("我妈妈做了椎体成形术，现在背还是有点疼，请问需要注意什么？", 100_000));
  }

  /** Median CPU and wall microseconds per call. */
  private record Figures(double cpu, double wall) {}

  public static void main(String[] args) {
    Triage t = Triage.loadDefault();
    List<String> messages = messages();
    for (String m : messages) {
      Figures base = measure(() -> sink += lowerCaseCopy(m).hashCode(), m.length());
      Figures assess = measure(() -> sink += t.assess(m).level().ordinal(), m.length());
      System.out.printf(Locale.ROOT,
          "%7d chars  %-9s  %8.1f us CPU/message (wall %8.1f us)  %.1fx a lower-case copy%n",
          m.length(), t.assess(m).level(), assess.cpu(), assess.wall(), assess.cpu() / base.cpu());
    }
    System.out.println("(checksum " + sink + ")");
  }

  private static Figures measure(Runnable r, int length) {
    int iterations = Math.max(20, (int) (20_000L * 2000 / length));
    double[] cpu = new double[ROUNDS];
    double[] wall = new double[ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      long startCpu = CPU.getCurrentThreadCpuTime();
      long startWall = System.nanoTime();
      for (int i = 0; i < iterations; i++) {
        r.run();
      }
      cpu[round] = (CPU.getCurrentThreadCpuTime() - startCpu) / 1000.0 / iterations;
      wall[round] = (System.nanoTime() - startWall) / 1000.0 / iterations;
    }
    Arrays.sort(cpu);
    Arrays.sort(wall);
    return new Figures(cpu[ROUNDS / 2], wall[ROUNDS / 2]);
  }

  private static String lowerCaseCopy(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return b.toString();
  }

  private static String fill(String sentence, int length) {
    StringBuilder sb = new StringBuilder();
    while (sb.length() + sentence.length() <= length) {
      sb.append(sentence);
    }
    return sb.toString();
  }
}
