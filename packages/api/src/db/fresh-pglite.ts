import { PGlite } from '@electric-sql/pglite';
import { restorePGliteSnapshot } from './pglite-snapshot';

/**
 * initdb is most of an in-memory PGlite's start (seconds on a busy 2-core machine); restoring the
 * data folder of one fresh cluster takes a fraction of that. The schema engine starts a PGlite per
 * diff and per shadow database, so every one after the first is restored from the first's cluster.
 */
let freshCluster: Promise<Uint8Array> | undefined;

export async function freshPGlite(): Promise<PGlite> {
  freshCluster ??= PGlite.create().then(async (pglite) => {
    const dump = await pglite.dumpDataDir('none');
    await pglite.close();
    return new Uint8Array(await dump.arrayBuffer());
  });
  return restorePGliteSnapshot(await freshCluster);
}
