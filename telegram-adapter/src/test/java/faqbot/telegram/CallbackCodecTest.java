package faqbot.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallbackCodecTest {
  private final CallbackCodec codec = new CallbackCodec(new Secrets("1:token-one-abcdefghijk"));

  @Test
  void roundTripsAndFitsTelegramsLimitForTheLongestPayload() {
    String longest = "x".repeat(faqbot.core.Button.MAX_PAYLOAD_BYTES - 2) + "|~";
    String data = codec.encode("-100123", longest);
    assertTrue(data.getBytes(StandardCharsets.UTF_8).length <= 64, data);
    assertEquals(Optional.of(longest), codec.decode("-100123", data));
  }

  @Test
  void rejectsOtherChatsTamperingOtherTokensAndJunk() {
    String data = codec.encode("42", "full:17");
    assertEquals(Optional.empty(), codec.decode("43", data));
    assertEquals(Optional.empty(), codec.decode("42", data.replace("full:17", "full:18")));
    assertEquals(Optional.empty(), codec.decode("42", "full:17"));
    assertEquals(Optional.empty(), codec.decode("42", null));
    assertEquals(Optional.empty(), codec.decode("42", ""));
    CallbackCodec other = new CallbackCodec(new Secrets("2:token-two-abcdefghijk"));
    assertEquals(Optional.empty(), other.decode("42", data));
    // stable across restarts: a new codec from the same token accepts old buttons
    assertEquals(Optional.of("full:17"),
        new CallbackCodec(new Secrets("1:token-one-abcdefghijk")).decode("42", data));
  }
}
