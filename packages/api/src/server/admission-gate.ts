import type { DatabaseKind } from '../db/connection';

/**
 * At most `limit` requests run at once; the others wait in arrival order, at most `maxWaiting` of
 * them. Node runs every request's GraphQL work on one event loop (and embedded PGlite's statements
 * on one worker): fifty requests started together each get a fiftieth of the CPU, all finish late,
 * and a /healthz probe queues behind all of their statements. A few at a time finish in the order
 * they came, keep the database's queue short, and leave the event loop free between them.
 */
/** Requests served at once and waiting beyond them (below); MAX_CONCURRENT_REQUESTS, MAX_WAITING_REQUESTS. */
export interface AdmissionLimits {
  concurrent: number;
  waiting: number;
}

// `pnpm bench runtime` (50 connections on 2 cores): with PostgreSQL, whose backends work in
// parallel, 8 at once keeps them busy. Embedded PGlite runs one statement at a time in its worker, so
// requests beyond a few only wait there while their GraphQL work queues on the event loop ahead of
// /healthz: 3 against 8 at once, on a quiet machine, /healthz p99 28.9 against 50.9 ms, 140 against
// 136 req/s.
export const DEFAULT_ADMISSION = { postgres: { concurrent: 8, waiting: 2_000 }, pglite: { concurrent: 3, waiting: 2_000 } } satisfies Record<DatabaseKind, AdmissionLimits>;

export interface AdmissionGate {
  /**
   * Asks for a place: `place` resolves with the function that frees it, or null when the queue is
   * full (answer 503). `cancel` gives a waiting seat back (the caller hung up); once admitted it does nothing.
   */
  enter(): { place: Promise<(() => void) | null>; cancel(): void };
  readonly running: number;
  readonly waiting: number;
}

export function createAdmissionGate(limit: number, maxWaiting: number): AdmissionGate {
  let running = 0;
  const queue: Array<() => void> = [];
  const leave = () => {
    const next = queue.shift();
    if (next) next();
    else running -= 1;
  };
  // Each place is freed once, however often its holder calls the function (finish and close both fire).
  const ticket = () => {
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      leave();
    };
  };
  const nothingToCancel = () => {};
  return {
    enter() {
      if (running < limit) {
        running += 1;
        return { place: Promise.resolve(ticket()), cancel: nothingToCancel };
      }
      if (queue.length >= maxWaiting) return { place: Promise.resolve(null), cancel: nothingToCancel };
      // The place passes straight from the request that leaves to the one that waited longest.
      let admit: () => void = nothingToCancel;
      const place = new Promise<() => void>((resolve) => {
        admit = () => resolve(ticket());
        queue.push(admit);
      });
      const cancel = () => {
        const seat = queue.indexOf(admit);
        if (seat >= 0) queue.splice(seat, 1);
      };
      return { place, cancel };
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
  };
}
