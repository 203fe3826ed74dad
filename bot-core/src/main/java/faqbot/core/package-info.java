/**
 * The platform-neutral conversation engine. Adapters turn platform events into
 * {@link faqbot.core.IncomingMessage}s, call {@link faqbot.core.ChatCore#handle}, and render the
 * {@link faqbot.core.Reply}s; {@link faqbot.core.BotCore} is the implementation.
 *
 * <p>Decisions worth knowing:
 *
 * <ul>
 *   <li>Answers come only from PUBLISHED knowledge entries: the best one among the hits is shown
 *       when its confidence reaches the threshold ({@link faqbot.knowledge.AnswerChoice}; default
 *       threshold from the LiveQA dev split and the lay questions, see
 *       {@link faqbot.core.CoreConfig#DEFAULT_CONFIDENCE_THRESHOLD}). A PENDING hit is never
 *       shown, and when nothing is, a PENDING best hit groups the queued question. Summaries are runs of whole sentences copied from the doctor's reply.
 *   <li>Triage runs before any search; an emergency gets guidance and the disclaimer, never a
 *       knowledge answer.
 *   <li>Notification consent is opt-in: a no-match reply offers a "Notify me" button; the asker's
 *       platform id is stored only after that press and deleted once the question is answered or
 *       dismissed, or on {@code /forget}.
 *   <li>The interaction log stores a keyed hash of the user, never the platform id. It is
 *       written by one thread in batched transactions from a bounded queue (back-pressure, no
 *       drops); {@code close()} writes everything queued. Unanswered questions are queued for
 *       moderators in the same transaction as their log row.
 *   <li>What the core must keep (log, queue, roles, audit trail, sign-in links, mailbox,
 *       conversation state, rate limits) is
 *       behind small ports bundled in {@link faqbot.core.CoreStores}, so another database can
 *       replace SQLite without touching the conversation logic; only the {@code Sqlite*} classes
 *       use JDBC (checked by the app's {@code ArchitectureTest}).
 *   <li>Admins named in the configuration are always admins and cannot be revoked in chat. Staff commands work only in private chats, and their output is private.
 *   <li>Conversation state (guided add flows, confirm buttons, files waiting for Import) and the
 *       rate limit's buckets are in the database, so that replicas sharing one take any turn; the
 *       state expires after 30 minutes, a bucket is forgotten after a minute idle.
 * </ul>
 */
package faqbot.core;
