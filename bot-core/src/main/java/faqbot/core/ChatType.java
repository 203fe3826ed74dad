package faqbot.core;

/** Private: a one-to-one chat or DM. Group: a group, supergroup, channel or server channel. */
public enum ChatType { PRIVATE, GROUP }
