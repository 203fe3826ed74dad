package faqbot.core;

import java.util.Objects;

/** A file sent with a reply, such as a CSV log export. */
public record Attachment(String fileName, String mediaType, byte[] content) {
  public Attachment {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(mediaType, "mediaType");
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }
}
