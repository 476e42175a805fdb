import type { Viewer } from '@temu-bisnis/schema';
import type { ReplicaConfig } from '../config';
import type { Logger } from '../logger';
import { type Database, openDatabase } from './connection';
import { createWritePositions, parseLsn, type WritePositions } from './write-positions';

/** How often each process asks the primary and every replica where their logs stand. */
const POLL_MS = 100;
/** A replica that does not answer a poll within this is unreachable until it does. */
const POLL_TIMEOUT_MS = 1_000;

/**
 * streaming: serves reads; lagging: further behind than REPLICA_MAX_LAG_MS; unreachable: does not
 * answer, or is no standby (promoted); starting: not polled yet.
 */
export type ReplicaState = 'streaming' | 'lagging' | 'unreachable' | 'starting';

export interface ReplicaStatus {
  /** host:port/database of its URL (no credentials). */
  name: string;
  state: ReplicaState;
  /** How long ago the primary was at the position the replica has replayed; null when unknown. */
  lagMs: number | null;
}

/**
 * PostgreSQL streaming replicas that serve queries. The one decision lives in `readerFor`; what
 * may go there is the caller's (server/read-routing.ts): queries that write nothing.
 */
export interface ReadReplicas {
  /**
   * The replica this caller's read goes to (round-robin over the streaming ones that have replayed
   * the caller's last write), or null: the primary serves it.
   */
  readerFor(viewer: Viewer): Promise<Database | null>;
  /** Notes where the primary's log stands after the caller's write, for its next reads. */
  wrote(viewer: Viewer): Promise<void>;
  status(): ReplicaStatus[];
  close(): Promise<void>;
}

/** `asking`: the poll's question while unanswered; a replica that does not answer is not asked again meanwhile. */
type Replica = ReplicaStatus & { db: Database; replayed: bigint | null; asking: Promise<{ lsn: string | null }[]> | null };

/** One key per party whose writes a read must see: the partner a person or API key acts for, else the person. */
export function callerKey(viewer: Viewer): string | null {
  if (viewer.partner) return `partner:${viewer.partner.id}`;
  return viewer.userId ? `user:${viewer.userId}` : null;
}

const nameOf = (url: string) => {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
};

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

/**
 * Opens the replicas and starts watching them. A replica's lag is measured against the primary's
 * own log: every poll notes the primary's position and the time; a replica's lag is the age of the
 * oldest noted position it has not replayed yet (0 when it has replayed them all). This holds when
 * the primary is idle (a replay timestamp would age without anything to replay) and when the
 * replica's connection to the primary is broken (its received position would look current).
 */
export async function openReadReplicas(
  primary: Database,
  config: ReplicaConfig,
  logger: Logger,
  { statementTimeoutMs, positions = createWritePositions(config.redisUrl) }: { statementTimeoutMs?: number; positions?: WritePositions } = {},
): Promise<ReadReplicas> {
  const replicas: Replica[] = await Promise.all(
    config.urls.map(async (url) => ({ name: nameOf(url), state: 'starting' as ReplicaState, lagMs: null, replayed: null, asking: null, db: await openDatabase({ url, statementTimeoutMs }) })),
  );
  // The primary's positions over the last REPLICA_MAX_LAG_MS and a second, oldest first.
  const noted: { at: number; lsn: bigint }[] = [];
  // Callers' positions outlive any lag a replica may serve with.
  const ttlMs = config.maxLagMs + 10_000;
  let turn = 0;

  const lagOf = (replayed: bigint, now: number) => {
    const behind = noted.find((n) => n.lsn > replayed);
    return behind ? now - behind.at : 0;
  };

  function settle(replica: Replica, state: ReplicaState, lagMs: number | null, error?: unknown) {
    const was = replica.state;
    Object.assign(replica, { state, lagMs });
    if (state === was) return;
    const fields = { replica: replica.name, lagMs, maxLagMs: config.maxLagMs, ...(error ? { error: String(error) } : {}) };
    if (state === 'streaming') logger.info('read replica serving', fields);
    else logger.warn(`read replica skipped (${state}): the primary serves its reads`, fields);
  }

  async function poll() {
    const now = Date.now();
    try {
      const [row] = await withTimeout(primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn'), POLL_TIMEOUT_MS);
      noted.push({ at: now, lsn: parseLsn(row!.lsn) });
      while (noted.length > 1 && noted[0]!.at < now - config.maxLagMs - 1_000) noted.shift();
    } catch (error) {
      logger.warn('read replicas: the primary did not say where its log stands', { error: String(error) });
    }
    await Promise.all(
      replicas.map(async (replica) => {
        try {
          replica.asking ??= replica.db.query<{ lsn: string | null }>('SELECT pg_last_wal_replay_lsn()::text AS lsn').finally(() => {
            replica.asking = null;
          });
          const [row] = await withTimeout(replica.asking, POLL_TIMEOUT_MS);
          if (!row?.lsn) return settle(replica, 'unreachable', null, 'not a standby (no replay position)');
          replica.replayed = parseLsn(row.lsn);
          const lagMs = lagOf(replica.replayed, now);
          settle(replica, lagMs > config.maxLagMs ? 'lagging' : 'streaming', lagMs);
        } catch (error) {
          settle(replica, 'unreachable', null, error instanceof Error ? error.message : error);
        }
      }),
    );
  }

  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let polling: Promise<void> = poll();
  await polling;
  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => {
      polling = poll().then(schedule);
    }, POLL_MS);
    timer.unref();
  };
  schedule();

  return {
    async readerFor(viewer) {
      let usable = replicas.filter((r) => r.state === 'streaming');
      if (usable.length === 0) return null;
      const key = callerKey(viewer);
      if (key) {
        // Without the caller's position (Redis down) a replica might not hold their write yet.
        const lsn = await positions.get(key).catch(() => undefined);
        if (lsn === undefined) return null;
        if (lsn !== null) usable = usable.filter((r) => r.replayed !== null && r.replayed >= lsn);
      }
      if (usable.length === 0) return null;
      turn = (turn + 1) % usable.length;
      return usable[turn]!.db;
    },
    async wrote(viewer) {
      const key = callerKey(viewer);
      if (!key) return;
      const [row] = await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
      await positions.raise(key, parseLsn(row!.lsn), ttlMs);
    },
    status: () => replicas.map(({ name, state, lagMs }) => ({ name, state, lagMs })),
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await polling.catch(() => {});
      await positions.close();
      await Promise.all(replicas.map((r) => r.db.close()));
    },
  };
}
