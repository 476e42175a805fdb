import { createAuditLog, encodeGlobalID, progressOf, scheduleForum, type Viewer } from '@temu-bisnis/schema';
import { openConfiguredDatabase } from '../app';
import type { Config } from '../config';

/**
 * `forum:schedule --forum <slug> --email <staff e-mail> [--reoptimize] [--time-limit ms]`: runs
 * forumSchedule for a forum from a terminal, as that Disperin officer, with a progress bar fed by
 * the same record forumProgress answers from (phases: HEURISTIC, EXACT, GAPS).
 */
export async function runForumSchedule(config: Config, args: readonly string[]): Promise<void> {
  const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const slug = value('--forum');
  const email = value('--email');
  const limit = value('--time-limit');
  if (!slug || !email) throw new Error('Usage: forum:schedule --forum <slug> --email <staff e-mail> [--reoptimize] [--time-limit ms]');
  const db = await openConfiguredDatabase(config);
  try {
    const [forum, user] = await Promise.all([
      db.prisma.matchmakingSession.findUnique({ where: { slug }, select: { id: true, title: true } }),
      db.prisma.user.findUnique({ where: { email }, select: { id: true, role: true } }),
    ]);
    if (!forum) throw new Error('No forum has this slug.');
    if (!user || (user.role !== 'ADMIN' && user.role !== 'OFFICER')) throw new Error('The e-mail is not a Disperin staff account.');
    const viewer: Viewer = { userId: user.id, apiKeyId: null, role: user.role, enterpriseIds: [], partner: null, scopes: null };
    const ctx = { prisma: db.prisma, now: new Date(), viewer, audit: createAuditLog(viewer, null) };
    const timer = setInterval(() => drawBar(progressOf(forum.id)), 100);
    const result = await scheduleForum(ctx, {
      forumId: encodeGlobalID('Forum', forum.id),
      reoptimize: args.includes('--reoptimize'),
      timeLimitMs: limit ? Number(limit) : undefined,
    });
    clearInterval(timer);
    drawBar(progressOf(forum.id));
    process.stdout.write('\n');
    if (result.userErrors.length > 0 || !result.run) {
      for (const e of result.userErrors) console.error(`${e.code} (${e.field.join('.')}): ${e.message}`);
      process.exitCode = 1;
      return;
    }
    const { run } = result;
    console.log(
      `${forum.title}: ${run.created.length} meetings booked, ${run.result.objective.meetings} in all (first-come would place ${run.baselineMeetings}); ` +
        `${run.unscheduled.length} accepted requests without a meeting; ${run.result.method}, ` +
        `${run.result.provenOptimal ? 'proven optimal' : `not proven (gap ${(100 * run.result.gap).toFixed(2)} %, ${run.heldFixed} accept-time bookings held fixed)`}; ${run.elapsedMs} ms.`,
    );
  } finally {
    await db.close();
  }
}

function drawBar(progress: ReturnType<typeof progressOf>): void {
  if (!progress) return;
  const width = 30;
  const share = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  const filled = Math.round(share * width);
  process.stdout.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${progress.phase.padEnd(10)} ${progress.done}/${progress.total} ms`);
}
