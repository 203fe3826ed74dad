package faqbot.telegram;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys derived from the bot token. Deriving rather than generating keeps callback buttons and the
 * webhook secret valid across restarts without storing anything, and nobody without the token
 * can forge them.
 */
final class Secrets {
  private final byte[] key;

  Secrets(String token) {
    this.key = hmac(token.getBytes(StandardCharsets.UTF_8), "faqbot-telegram-v1");
  }

  static String derive(String token, String purpose, int chars) {
    byte[] mac = hmac(token.getBytes(StandardCharsets.UTF_8), "faqbot-telegram:" + purpose);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac).substring(0, chars);
  }

  /** A short URL-safe tag of {@code text}, {@code chars} long (at most 43). */
  String tag(String text, int chars) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, text))
        .substring(0, chars);
  }

  /** A stable pseudonym for a chat or user id, for log lines (never the raw id). */
  String pseudonym(Object id) {
    return "tg-" + tag("id:" + id, 10);
  }

  static boolean constantTimeEquals(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
        b.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
