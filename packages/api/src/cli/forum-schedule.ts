import { readFileSync } from 'node:fs';
import { createAuditLog, encodeGlobalID, importRoster, scheduleForum, type Viewer } from '@temu-bisnis/schema';
import { viewerRegencyOf } from '@temu-bisnis/schema/auth/region';
import type { Database } from '../db/connection';
import { type ProgressOutput, showProgress } from './progress-bar';

/**
 * An organiser's long operations from a terminal, as a Disperin officer, with a progress bar fed
 * by the record forumProgress answers from:
 * `forum:schedule --forum <slug> --email <staff e-mail> [--reoptimize] [--time-limit ms]` and
 * `forum:import --forum <slug> --email <staff e-mail> --file roster.csv`.
 */
const value = (args: readonly string[], flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);

async function asOfficer(db: Database, args: readonly string[], usage: string, fn: (forum: { id: string; title: string }, ctx: OfficerContext) => Promise<void>) {
  const slug = value(args, '--forum');
  const email = value(args, '--email');
  if (!slug || !email) throw new Error(`Usage: ${usage}`);
  const [forum, user] = await Promise.all([
    db.prisma.matchmakingSession.findUnique({ where: { slug }, select: { id: true, title: true } }),
    db.prisma.user.findUnique({ where: { email }, select: { id: true, role: true, office: { select: { regencyId: true } } } }),
  ]);
  if (!forum) throw new Error('No forum has this slug.');
  if (!user || (user.role !== 'ADMIN' && user.role !== 'OFFICER')) throw new Error('The e-mail is not a Disperin staff account.');
  const viewer: Viewer = {
    userId: user.id,
    apiKeyId: null,
    role: user.role,
    enterpriseIds: [],
    partner: null,
    scopes: null,
    regencyId: viewerRegencyOf(user.role, user.office),
  };
  await fn(forum, { prisma: db.prisma, now: new Date(), viewer, audit: createAuditLog(viewer, null) });
}

type OfficerContext = Parameters<typeof scheduleForum>[0];

function reportErrors(errors: readonly { code: string; field: readonly string[]; message: string }[]): boolean {
  for (const e of errors) console.error(`${e.code} (${e.field.join('.')}): ${e.message}`);
  if (errors.length > 0) process.exitCode = 1;
  return errors.length > 0;
}

export function runForumSchedule(db: Database, args: readonly string[], out: ProgressOutput = process.stdout): Promise<void> {
  const usage = 'forum:schedule --forum <slug> --email <staff e-mail> [--reoptimize] [--time-limit ms]';
  return asOfficer(db, args, usage, async (forum, ctx) => {
    const limit = value(args, '--time-limit');
    const stop = showProgress(db.prisma, forum.id, out, 'ms');
    const result = await scheduleForum(ctx, {
      forumId: encodeGlobalID('Forum', forum.id),
      reoptimize: args.includes('--reoptimize'),
      timeLimitMs: limit ? Number(limit) : undefined,
    });
    await stop();
    if (reportErrors(result.userErrors) || !result.run) return;
    const { run } = result;
    out.write(
      `${forum.title}: ${run.created.length} meetings booked, ${run.result.objective.meetings} in all (first-come would place ${run.baselineMeetings}); ` +
        `${run.unscheduled.length} accepted requests without a meeting; ${run.result.method}, ` +
        `${run.result.provenOptimal ? 'proven optimal' : `not proven (gap ${(100 * run.result.gap).toFixed(2)} %, ${run.heldFixed} accept-time bookings held fixed)`}; ${run.elapsedMs} ms.\n`,
    );
  });
}

export function runForumImport(db: Database, args: readonly string[], out: ProgressOutput = process.stdout): Promise<void> {
  const usage = 'forum:import --forum <slug> --email <staff e-mail> --file roster.csv';
  const file = value(args, '--file');
  if (!file) throw new Error(`Usage: ${usage}`);
  const csv = readFileSync(file, 'utf8');
  return asOfficer(db, args, usage, async (forum, ctx) => {
    const stop = showProgress(db.prisma, forum.id, out, 'rows');
    const result = await importRoster(ctx, { forumId: encodeGlobalID('Forum', forum.id), csv });
    await stop();
    if (reportErrors(result.userErrors)) return;
    out.write(
      `${forum.title}: ${result.participants?.length ?? 0} participants registered; ${result.createdEnterprises} IKM and ${result.createdPartners} partners added to the registry.\n`,
    );
  });
}
