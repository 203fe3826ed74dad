package faqbot.app;

/** The {@code faqbot} command. See {@code faqbot help}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = new Cli(System.getenv(), System.in, System.out, System.err).withProcessLogging().run(args);
    if (code != Cli.KEEP_RUNNING) {
      System.exit(code);
    }
  }
}
