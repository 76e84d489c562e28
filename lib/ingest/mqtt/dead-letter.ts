import type pg from 'pg';

/** Stored payloads are cut here: the reason says what was wrong, the head of the payload shows it. */
export const DEAD_LETTER_MAX_PAYLOAD = 64 * 1024;

export interface DeadLetterInput {
  channel: 'mqtt';
  topic: string;
  payload: Uint8Array;
  reason: string;
}

/** Keep a message that could not become events, with why. Resolves after the row is committed. */
export async function recordDeadLetter(pool: pg.Pool, d: DeadLetterInput): Promise<void> {
  const head = d.payload.subarray(0, DEAD_LETTER_MAX_PAYLOAD);
  // Not fatal: a binary payload is kept with replacement characters; NUL is not allowed in PostgreSQL text.
  const text = new TextDecoder('utf-8').decode(head).replaceAll('\u0000', '\uFFFD');
  await pool.query(
    `INSERT INTO dead_letter (id, channel, topic, payload, reason) VALUES (gen_random_uuid(), $1, $2, $3, $4)`,
    [d.channel, d.topic.slice(0, 1000).replaceAll('\u0000', '\uFFFD'), text, d.reason.slice(0, 2000)],
  );
}
