package faqbot.core;

/** The chat platforms the core talks to through adapters. */
public enum Platform {
  TELEGRAM, DISCORD, CONSOLE;

  /** Lower-case name as used in configuration ("telegram:123"). */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
