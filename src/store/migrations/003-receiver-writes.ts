/**
 * Faster durable writes of received events.
 *
 * A commit costs what it writes, and on SQLite that is pages: every random-valued index of the
 * events table costs one more page per event. So the events of an account are chained instead
 * of indexed: each event points at the account's previous one (`prev_id`) and `account_heads`
 * holds the newest, so listing an account's events, or an alarm's, walks the chain. The dedup
 * key keeps an index on PostgreSQL only (the SQLite writer finds retransmissions in memory, see
 * store/sqlite/recent-keys.ts).
 *
 * PostgreSQL: a batch costs its round trips. One function stores a whole batch (duplicates,
 * alarms, restores, the chain, quirk counts) in one call, row by row with the same rules as
 * the SQLite writer, as one single-statement transaction.
 */
export const name = 'receiver-writes';

export const sql = `
ALTER TABLE events ADD COLUMN prev_id BIGINT;
CREATE TABLE account_heads (
  account TEXT PRIMARY KEY,
  last_event_id BIGINT NOT NULL,
  last_received_at BIGINT NOT NULL
);
DROP INDEX events_account;
DROP INDEX events_alarm;
`;

export const sqlite = `
DROP INDEX events_dedup;
`;

export const postgres = `
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

CREATE FUNCTION vigil_store_events(batch jsonb)
RETURNS TABLE (o_event_id bigint, o_duplicate boolean, o_alarm_id bigint,
               o_alarm_created boolean, o_restored boolean)
LANGUAGE plpgsql AS $fn$
DECLARE
  r jsonb;
  found_id bigint;
  found_alarm bigint;
  open_id bigint;
  new_id bigint;
  key text;
  at bigint;
  head bigint;
BEGIN
  FOR r IN SELECT value FROM jsonb_array_elements(batch) LOOP
    at := (r->>'receivedAt')::bigint;
    SELECT e.id, e.alarm_id INTO found_id, found_alarm FROM events e
      WHERE e.dedup_key = r->>'dedupKey' AND e.received_at >= (r->>'dedupSince')::bigint LIMIT 1;
    IF found_id IS NOT NULL THEN
      UPDATE events SET duplicates = duplicates + 1, last_duplicate_at = at WHERE id = found_id;
      o_event_id := found_id; o_duplicate := true; o_alarm_id := found_alarm;
      o_alarm_created := false; o_restored := false;
      RETURN NEXT;
      CONTINUE;
    END IF;

    key := COALESCE(r->'alarm'->>'openKey', r->>'restoreKey');
    open_id := NULL;
    IF key IS NOT NULL THEN
      SELECT a.id INTO open_id FROM alarms a WHERE a.open_key = key;
    END IF;

    SELECT h.last_event_id INTO head FROM account_heads h WHERE h.account = r->>'account';
    INSERT INTO events (account, known_account, unit_id, receiver, line, sequence, token,
      encrypted, code_system, code, sia_code, kind, category, description, known_code, zone,
      partition, user_no, text, xdata, event_time, received_at, dedup_key, transport, remote,
      quirks, alarm_id, raw, prev_id)
    VALUES (r->>'account', (r->>'knownAccount')::int, r->>'unitId', r->>'receiver',
      r->>'line', r->>'sequence', r->>'token', (r->>'encrypted')::int, r->>'codeSystem',
      r->>'code', r->>'siaCode', r->>'kind', r->>'category', r->>'description',
      (r->>'knownCode')::int, r->>'zone', r->>'partition', r->>'user', r->>'text',
      r->>'xdata', (r->>'eventTime')::bigint, at, r->>'dedupKey', r->>'transport',
      r->>'remote', r->>'quirks', open_id, r->>'raw', head)
    RETURNING id INTO new_id;
    INSERT INTO account_heads (account, last_event_id, last_received_at)
      VALUES (r->>'account', new_id, at)
      ON CONFLICT (account) DO UPDATE
        SET last_event_id = excluded.last_event_id, last_received_at = excluded.last_received_at;
    o_event_id := new_id; o_duplicate := false; o_alarm_created := false; o_restored := false;
    o_alarm_id := open_id;

    IF r ? 'alarm' THEN
      IF open_id IS NOT NULL THEN
        UPDATE alarms SET signals = signals + 1, last_event_id = new_id, last_signal_at = at,
          updated_at = at, restored_at = NULL, restore_event_id = NULL WHERE id = open_id;
      ELSE
        INSERT INTO alarms (open_key, account, unit_id, jurisdiction, zone, partition, category,
          priority, code, description, state, signals, first_event_id, last_event_id,
          created_at, updated_at, last_signal_at)
        VALUES (key, r->>'account', r->'alarm'->>'unitId', r->'alarm'->>'jurisdiction',
          r->'alarm'->>'zone', r->'alarm'->>'partition', r->'alarm'->>'category',
          (r->'alarm'->>'priority')::int, r->'alarm'->>'code', r->'alarm'->>'description',
          'new', 1, new_id, new_id, at, at, at)
        RETURNING id INTO o_alarm_id;
        UPDATE events SET alarm_id = o_alarm_id WHERE id = new_id;
        o_alarm_created := true;
      END IF;
    ELSIF open_id IS NOT NULL THEN
      UPDATE alarms SET restored_at = at, restore_event_id = new_id, updated_at = at
        WHERE id = open_id;
      o_restored := true;
    END IF;

    IF (r->>'eventIndex')::int = 0 AND r->>'quirks' IS NOT NULL THEN
      INSERT INTO account_quirks (account, quirk, count, last_at)
        SELECT r->>'account', q, 1, at FROM unnest(string_to_array(r->>'quirks', ',')) AS q
        ON CONFLICT (account, quirk) DO UPDATE
          SET count = account_quirks.count + 1, last_at = excluded.last_at;
    END IF;
    RETURN NEXT;
  END LOOP;
END
$fn$;
`;
