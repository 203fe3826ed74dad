package faqbot.core;

/**
 * Port: sends a message to a user outside a conversation turn, such as "your question was
 * answered". Each adapter implements it for its platform.
 */
public interface Notifier {
  /**
   * Delivers {@code reply} privately to the user.
   *
   * @param userId the platform's user id as it came in {@link IncomingMessage#userId()}
   * @param chatId the chat the user asked in (private chats: where to send), may be null
   * @return false when the platform refused for good (the user blocked the bot); the core logs it
   */
  boolean notify(String userId, String chatId, Reply reply);
}
