package faqbot.core;

import faqbot.knowledge.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link SendPacing} in the PostgreSQL that replicas share (migration track "send_pacing"; named
 * like the core's other stores, the only classes that speak SQL, though one replica on SQLite
 * paces in memory instead, {@link LocalSendPacing}): each
 * reservation is one call of a PL/pgSQL function, one round trip, that locks the lane's row and,
 * when the message may go now, the bot's row (always in that order, so two calls never deadlock),
 * and answers the wait measured on the server's clock. The table is UNLOGGED: reservations
 * matter for seconds, so they are not worth a write-ahead log entry, and a server crash that
 * empties the table only lets the next messages go at once.
 */
final class SqliteSendPacing implements SendPacing {
  /**
   * SQLite gets the table too, unused (one replica paces in its memory), so that both databases
   * hold the same tables at each version, as {@code faqbot migrate} expects.
   */
  static final List<String> MIGRATIONS = List.of(
      """
      CREATE TABLE core_send_pacing (
        key TEXT PRIMARY KEY,
        next_at INTEGER NOT NULL,
        tat INTEGER NOT NULL,
        sent_floor INTEGER NOT NULL,
        sent_tat INTEGER NOT NULL
      )
      """);
  /**
   * A key's row: {@code next_at} and {@code tat} (spacing, and the cell rate's theoretical arrival
   * time) over every reservation, which orders the messages that wait; {@code sent_floor} and
   * {@code sent_tat} the same over the messages that took the bot's budget, at the moments they
   * go, which is what Telegram counts: a message may take the bot's budget only when these allow.
   */
  static final List<String> POSTGRESQL_MIGRATIONS = List.of(
      """
      CREATE UNLOGGED TABLE core_send_pacing (
        key TEXT PRIMARY KEY,
        next_at BIGINT NOT NULL,
        tat BIGINT NOT NULL,
        sent_floor BIGINT NOT NULL,
        sent_tat BIGINT NOT NULL
      );
      CREATE FUNCTION core_send_pace(p_lane TEXT, p_lane_spacing BIGINT, p_lane_interval BIGINT,
          p_lane_tolerance BIGINT, p_overall TEXT, p_overall_spacing BIGINT,
          p_overall_interval BIGINT, p_overall_tolerance BIGINT, p_not_before BIGINT,
          p_lane_due BOOLEAN)
        RETURNS TABLE(wait_micros BIGINT, took_overall BOOLEAN)
        LANGUAGE plpgsql AS $$
      DECLARE
        v_now BIGINT;
        v_lane core_send_pacing%ROWTYPE;
        v_all core_send_pacing%ROWTYPE;
        v_sendable BIGINT;
        v_slot BIGINT;
      BEGIN
        INSERT INTO core_send_pacing VALUES (p_lane, 0, 0, 0, 0) ON CONFLICT (key) DO NOTHING;
        SELECT * INTO v_lane FROM core_send_pacing WHERE key = p_lane FOR UPDATE;
        -- read after the lock: a wait for another replica's call must not date the slot back
        v_now := (extract(epoch FROM clock_timestamp()) * 1000000)::BIGINT;
        v_sendable := GREATEST(v_lane.sent_floor, v_lane.sent_tat - p_lane_tolerance);
        IF p_lane_due THEN
          v_slot := v_sendable;
        ELSE
          v_slot := GREATEST(v_now + GREATEST(p_not_before, 0), v_sendable, v_lane.next_at,
              v_lane.tat - p_lane_tolerance);
        END IF;
        IF v_slot > v_now THEN
          IF NOT p_lane_due THEN
            -- the lane's later messages are scheduled after this one
            UPDATE core_send_pacing SET next_at = v_slot + p_lane_spacing,
                tat = GREATEST(v_lane.tat, v_slot) + p_lane_interval WHERE key = p_lane;
          END IF;
          RETURN QUERY SELECT v_slot - v_now, false;
          RETURN;
        END IF;
        -- the message goes at the bot's next moment, and the lane counts it from then
        INSERT INTO core_send_pacing VALUES (p_overall, 0, 0, 0, 0) ON CONFLICT (key) DO NOTHING;
        SELECT * INTO v_all FROM core_send_pacing WHERE key = p_overall FOR UPDATE;
        v_now := (extract(epoch FROM clock_timestamp()) * 1000000)::BIGINT;
        v_slot := GREATEST(v_now, v_all.next_at, v_all.tat - p_overall_tolerance);
        UPDATE core_send_pacing SET next_at = v_slot + p_overall_spacing,
            tat = GREATEST(v_all.tat, v_slot) + p_overall_interval WHERE key = p_overall;
        UPDATE core_send_pacing SET sent_floor = v_slot + p_lane_spacing,
            sent_tat = GREATEST(v_lane.sent_tat, v_slot) + p_lane_interval,
            next_at = GREATEST(v_lane.next_at, v_slot + p_lane_spacing),
            tat = GREATEST(v_lane.tat, GREATEST(v_lane.sent_tat, v_slot) + p_lane_interval)
            WHERE key = p_lane;
        RETURN QUERY SELECT v_slot - v_now, true;
      END
      $$
      """);
  static final Database.Track TRACK =
      new Database.Track("send_pacing", MIGRATIONS, POSTGRESQL_MIGRATIONS);

  private static final String CALL = "SELECT wait_micros, took_overall FROM core_send_pace("
      + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  /** Rows whose reservations all lie this far in the past are deleted, at most this often. */
  private static final long FORGET_AFTER_MICROS = 60_000_000;

  private final Database database;
  private final AtomicLong forgotAt = new AtomicLong(System.nanoTime());

  SqliteSendPacing(Database database) {
    this.database = database;
  }

  /** Creates the table and the function (both databases, so their versions agree). */
  static void migrate(Database database) throws SQLException {
    try (Connection c = database.openWriter()) {
      database.migrate(c, TRACK);
    }
  }

  @Override
  public Slot reserve(String lane, Rule laneRule, String overall, Rule overallRule,
      long notBeforeMicros) {
    return call(lane, laneRule, overall, overallRule, notBeforeMicros, false);
  }

  @Override
  public Slot reserveOverall(String lane, Rule laneRule, String overall, Rule overallRule) {
    return call(lane, laneRule, overall, overallRule, 0, true);
  }

  private Slot call(String lane, Rule laneRule, String overall, Rule overallRule,
      long notBeforeMicros, boolean laneDue) {
    try (Connection c = database.openWriter()) {
      Slot slot;
      try (PreparedStatement p = c.prepareStatement(CALL)) {
        p.setString(1, lane);
        p.setLong(2, laneRule.spacingMicros());
        p.setLong(3, laneRule.intervalMicros());
        p.setLong(4, laneRule.toleranceMicros());
        p.setString(5, overall);
        p.setLong(6, overallRule.spacingMicros());
        p.setLong(7, overallRule.intervalMicros());
        p.setLong(8, overallRule.toleranceMicros());
        p.setLong(9, notBeforeMicros);
        p.setBoolean(10, laneDue);
        try (ResultSet r = p.executeQuery()) {
          r.next();
          slot = new Slot(r.getLong(1), r.getBoolean(2));
        }
      }
      forgetIdle(c);
      return slot;
    } catch (SQLException e) {
      throw SqliteCoreTables.failure("cannot reserve a send slot", e);
    }
  }

  /** Deletes rows of chats idle for a minute, at most once a minute per replica. */
  private void forgetIdle(Connection c) throws SQLException {
    long last = forgotAt.get();
    long now = System.nanoTime();
    if (now - last < FORGET_AFTER_MICROS * 1_000 || !forgotAt.compareAndSet(last, now)) {
      return;
    }
    try (PreparedStatement p = c.prepareStatement("DELETE FROM core_send_pacing WHERE"
        + " GREATEST(next_at, tat, sent_floor, sent_tat)"
        + " < (extract(epoch FROM clock_timestamp()) * 1000000)::BIGINT - ?")) {
      p.setLong(1, FORGET_AFTER_MICROS);
      p.executeUpdate();
    }
  }

  @Override
  public boolean shared() {
    return true;
  }
}
