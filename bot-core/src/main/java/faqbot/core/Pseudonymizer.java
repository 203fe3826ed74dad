package faqbot.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The log's user keys: HMAC-SHA256 of "platform:userId", first 16 bytes as hex. */
final class Pseudonymizer {
  private final SecretKeySpec key;
  // Mac objects are not thread-safe and costly to set up: one per thread
  private final ThreadLocal<Mac> macs;

  Pseudonymizer(byte[] key) {
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
    }
  }

  String key(Platform platform, String userId) {
    byte[] h = macs.get().doFinal((platform.key() + ":" + userId).getBytes(StandardCharsets.UTF_8));
    StringBuilder sb = new StringBuilder(32);
    for (int i = 0; i < 16; i++) {
      sb.append(Character.forDigit((h[i] >> 4) & 0xF, 16)).append(Character.forDigit(h[i] & 0xF, 16));
    }
    return sb.toString();
  }
}
