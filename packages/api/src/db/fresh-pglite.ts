import type { PGlite } from '@electric-sql/pglite';
import { compactCluster, restorePGliteSnapshot, snapshotOf } from './pglite-snapshot';

/**
 * initdb is most of an in-memory PGlite's start (seconds on a busy 2-core machine); restoring the
 * data folder of one fresh cluster takes a fraction of that. The schema engine starts a PGlite per
 * diff and per shadow database, so every one after the first is restored from the first's cluster.
 */
let freshCluster: Promise<Uint8Array> | undefined;

export async function freshPGlite(): Promise<PGlite> {
  freshCluster ??= compactCluster().then(async (pglite) => {
    const snapshot = await snapshotOf(pglite);
    await pglite.close();
    return snapshot;
  });
  return restorePGliteSnapshot(await freshCluster);
}
