package faqbot.core;

/** Port: the pseudonymization key kept with the log, for when the configuration names none. */
interface PseudonymKeys {

  /** The stored key, created on first use; every process on the same store gets the same one. */
  byte[] pseudonymizationKey();
}
