package faqbot.app;

/** The {@code faqbot} command. See {@code faqbot --help}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(new Cli(System.getenv(), System.in, System.out, System.err).withProcessLogging().run(args));
  }
}
