import { PGlite } from '@electric-sql/pglite';

/**
 * A data folder tarball (`dumpDataDir('none')`) as PGlite's `loadDataDir` reads it: PGlite only
 * calls arrayBuffer(). A Node Blob would copy the tens of megabytes in and stream them back out in
 * chunks, half a second of CPU per restore.
 */
class SnapshotBlob extends Blob {
  readonly #tarball: Uint8Array;

  constructor(tarball: Uint8Array) {
    super();
    this.#tarball = tarball;
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    const { buffer, byteOffset, byteLength } = this.#tarball;
    // PGlite only reads it: a buffer that holds just the tarball (readFileSync's) is handed over as is.
    const whole = byteOffset === 0 && byteLength === buffer.byteLength;
    return Promise.resolve((whole ? buffer : buffer.slice(byteOffset, byteOffset + byteLength)) as ArrayBuffer);
  }
}

/**
 * A throwaway in-memory PGlite (a test's, a schema diff's) holds a few megabytes: the default 128 MB
 * of shared buffers cost each start and close more CPU than the data needs (16 MB: a restore, a
 * query and a close of the seeded database take about 0.55 s of CPU instead of 0.75 s with 32 MB;
 * the seed's writes take no longer). A new WAL segment is not filled with zeros first
 * (wal_init_zero): in memory that is 16 MB written 8 kB at a time, the file's buffer regrown and
 * copied at each step, a tenth of a second per start and close.
 */
const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB', '-c', 'wal_init_zero=off'];

/**
 * A new in-memory cluster to take snapshots of, made small: WAL segments of 1 MB instead of 16 (a
 * snapshot holds a whole segment, and its recycled ones up to max_wal_size), and without the
 * template databases (half of a new cluster's files), which only CREATE DATABASE reads and nothing
 * run on a throwaway PGlite does. A restore, query and close of such a snapshot takes half the CPU.
 */
export async function compactCluster(): Promise<PGlite> {
  const pglite = await PGlite.create({ initDbStartParams: ['--wal-segsize=1'], startParams: [...startParams, '-c', 'min_wal_size=2MB', '-c', 'max_wal_size=4MB'] });
  await pglite.exec('ALTER DATABASE template0 IS_TEMPLATE false; ALTER DATABASE template1 IS_TEMPLATE false');
  // One statement each: DROP DATABASE refuses to run in the transaction of a multi-statement query.
  await pglite.exec('DROP DATABASE template0');
  await pglite.exec('DROP DATABASE template1');
  return pglite;
}

/** Its data folder as a tarball, checkpointed first so that only the WAL still needed goes with it. */
export async function snapshotOf(pglite: PGlite): Promise<Uint8Array> {
  await pglite.exec('CHECKPOINT');
  return new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
}

/** An in-memory PGlite started from a data folder tarball. */
export function restorePGliteSnapshot(tarball: Uint8Array): Promise<PGlite> {
  return PGlite.create({ loadDataDir: new SnapshotBlob(tarball), startParams });
}
