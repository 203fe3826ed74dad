package faqbot.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A file a user sent, as the platform announced it. The bytes are fetched only when the core
 * decides to read the file (a moderator importing knowledge): a patient's file is never
 * downloaded, let alone stored.
 *
 * @param name the file name the sender gave it (untrusted: never used as a path)
 * @param mediaType the media type the platform reports, or null
 * @param size the size the platform reports in bytes, or -1 when unknown
 * @param maxBytes the largest file the platform lets the bot fetch
 * @param content opens the file's bytes (a download); the caller closes the stream
 */
public record IncomingFile(String name, String mediaType, long size, long maxBytes,
    Content content) {

  /** Fetches the file. */
  @FunctionalInterface
  public interface Content {
    InputStream open() throws IOException;
  }

  public IncomingFile {
    name = name == null || name.isBlank() ? "file" : name.strip();
    Objects.requireNonNull(content, "content");
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
  }

  @Override
  public String toString() {
    return "IncomingFile[" + name + ", " + size + " bytes]";
  }
}
