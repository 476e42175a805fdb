import pg from 'pg';

/** A channel between the processes on one PostgreSQL database, LISTEN/NOTIFY with a text payload. */
export interface PgChannel {
  notify(payload?: string): void;
  close(): Promise<void>;
}

/**
 * One connection that LISTENs on `channel` (and NOTIFYs on it; a process hears its own notices too);
 * a broken connection is opened again after a second. Notices sent while it is down are lost: its
 * users bound what that costs (subscribers poll, cached answers expire).
 */
export function listen(url: string, channel: string, onNotice: (payload: string) => void): PgChannel {
  let client: pg.Client | null = null;
  let closed = false;
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (message) => onNotice(message.payload ?? ''));
    c.on('error', () => {
      client = null;
      if (!closed) setTimeout(() => void connect().catch(() => undefined), 1_000);
    });
    await c.connect();
    await c.query(`LISTEN "${channel}"`);
    client = c;
  };
  const ready = connect().catch(() => undefined);
  return {
    notify: (payload = '') => {
      void ready.then(() => client?.query('SELECT pg_notify($1, $2)', [channel, payload]).catch(() => undefined));
    },
    close: async () => {
      closed = true;
      await ready;
      await client?.end().catch(() => undefined);
    },
  };
}

/** A PostgreSQL channel name from a prefix (identifiers: letters, digits, underscores). */
export const channelName = (name: string) => name.replace(/[^a-zA-Z0-9_]/g, '_').toLowerCase();
