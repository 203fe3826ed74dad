package faqbot.core;

/** What a user may do. Each role includes the ones before it. */
public enum Role {
  PATIENT, MODERATOR, ADMIN;

  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }
}
