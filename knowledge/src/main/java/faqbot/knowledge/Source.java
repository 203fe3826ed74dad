package faqbot.knowledge;

import java.util.Objects;

/**
 * Where an entry came from. {@code externalId} is the entry's stable identity across re-imports
 * (unique in the store): for MedQuAD {@code <source>_<file basename>_Sec<k>} as the LiveQA
 * judgments name it, for seed pages a key derived from the document name, for entries that
 * moderators add in chat a generated key.
 *
 * @param file the document name the entry was parsed from (a file name, or "chat" for moderator
 *     input); may be null
 * @param collection the collection, e.g. "MedQuAD/GHR", "seed", "moderator"; may be null
 * @param url the public page, if any; may be null
 * @param externalId stable unique key, never null
 */
public record Source(String file, String collection, String url, String externalId) {
  public Source {
    Objects.requireNonNull(externalId, "externalId");
    if (externalId.isBlank()) {
      throw new IllegalArgumentException("externalId must not be blank");
    }
  }
}
