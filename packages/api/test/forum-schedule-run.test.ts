import { generateInstance } from '@temu-bisnis/schema/domain/scheduling/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runForumImport, runForumSchedule } from '../src/cli/forum-schedule';
import { createForum, globalId, REQUEST_ACCEPT, STAFF, transition, unique } from './forum-fixtures';
import { forumOf, SCHEDULE } from './forum-generated';
import { startTestServer, type TestServer } from './support/server';

/**
 * A schedule run that the forum outgrows while its solver thread works, and the CLI's view of a
 * run's progress. Untimed, unlike forum-schedule-thread.test.ts, so it runs with the other files.
 */

let a: TestServer;
let staff: Record<string, string>;

beforeAll(async () => {
  a = await startTestServer({ seeded: true });
  staff = await a.as(STAFF);
});
afterAll(async () => a?.close());

describe('a booking while the scheduler solves', () => {
  it('the save sees the forum changed, solves again, and books nobody twice', async () => {
    const instance = generateInstance({ shape: 'capped', requests: 500, participants: 100, seed: 7 });
    const forum = await forumOf(a, staff, instance, { calls: 0 });
    // One request still pending, between an IKM and a partner that have none yet.
    const participants = await a.db.prisma.forumParticipant.findMany({ where: { sessionId: forum.dbId }, select: { id: true, enterpriseId: true } });
    const pairs = new Set((await a.db.prisma.meetingRequest.findMany({ where: { sessionId: forum.dbId } })).map((r) => `${r.requesterId}|${r.recipientId}`));
    const ikm = participants.filter((p) => p.enterpriseId);
    const partner = participants.filter((p) => !p.enterpriseId);
    const [from, to] = ikm.flatMap((e) => partner.map((p) => [e.id, p.id] as const)).find(([e, p]) => !pairs.has(`${e}|${p}`) && !pairs.has(`${p}|${e}`))!;
    const pending = await a.db.prisma.meetingRequest.create({
      data: { sessionId: forum.dbId, requesterId: from, recipientId: to, status: 'PENDING', priority: 5, expiresAt: new Date(Date.now() + 86_400_000) },
    });
    const running = a.gql(SCHEDULE, { input: { forumId: forum.id, timeLimitMs: 3_000 } }, staff);
    // Wait for the solver to be at work, then accept and book at once.
    for (let phase = ''; !['HEURISTIC', 'EXACT'].includes(phase); ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      phase = (await a.db.prisma.forumProgress.findUnique({ where: { sessionId: forum.dbId } }))?.phase ?? '';
    }
    const accepted = (await a.gql(REQUEST_ACCEPT, { input: { id: globalId('MeetingRequest', pending.id), bookNow: true } }, staff)).data!.meetingRequestAccept;
    expect(accepted.userErrors).toEqual([]);
    const { run, userErrors } = (await running).data!.forumSchedule;
    expect(userErrors).toEqual([]);
    // The run saved a schedule of the forum as it now is: the late request is in it (booked, held where it is, or planned).
    const saved = await a.db.prisma.meeting.findMany({ where: { sessionId: forum.dbId }, include: { seats: true } });
    expect(saved.length).toBe(run.objective.meetings);
    const seats = saved.flatMap((m) => m.seats.map((s) => `${s.participantId}|${s.slotId}`));
    expect(new Set(seats).size).toBe(seats.length);
    const tables = saved.map((m) => `${m.slotId}|${m.tableId}`);
    expect(new Set(tables).size).toBe(tables.length);
    expect(await a.db.prisma.meetingRequest.count({ where: { sessionId: forum.dbId, status: 'ACCEPTED' } })).toBe(501);
    console.log(`[${a.db.kind}] booking during the solve: ${accepted.meeting ? 'booked' : 'pooled'}; run ${run.objective.meetings} meetings, heldFixed ${run.heldFixed}, ${run.elapsedMs} ms`);
  }, 240_000);
});

describe('the CLI shows the progress', () => {
  it('forum:import and forum:schedule print their phases line by line when the output is not a terminal, a bar when it is', async () => {
    const forum = await createForum(a, staff, { tableCount: 4 });
    const slug = (await a.db.prisma.matchmakingSession.findUniqueOrThrow({ where: { id: forum.dbId }, select: { slug: true } })).slug;
    const tag = unique();
    const rows = Array.from({ length: 12 }, (_, i) =>
      i % 2 === 0
        ? `Mitra ${tag} ${i},,mitra-cli-${tag}-${i},BUYER,all,,,,`
        : `IKM ${tag} ${i},${`55${String(Date.now() % 1e8).padStart(8, '0')}${String(i).padStart(3, '0')}`},,IKM,all,,BATIK,33.74.12,2019-07-15`,
    );
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'roster-')), 'roster.csv');
    writeFileSync(file, `name,nib,partner,role,availability,cap,sector,district,founded\n${rows.join('\n')}\n`);
    const log: string[] = [];
    const plain = { isTTY: false, write: (text: string) => log.push(text) };
    await runForumImport(a.db, ['--forum', slug, '--email', STAFF, '--file', file], plain);
    expect(log.join('')).toMatch(/^import: done 12\/12 rows$/m);
    expect(log.at(-1)).toMatch(/12 participants registered; 6 IKM and 6 partners added/);

    const participants = await a.db.prisma.forumParticipant.findMany({ where: { sessionId: forum.dbId }, select: { id: true, enterpriseId: true } });
    const ikm = participants.filter((p) => p.enterpriseId);
    const partners = participants.filter((p) => !p.enterpriseId);
    await a.db.prisma.meetingRequest.createMany({
      data: ikm.flatMap((e) => partners.map((p) => ({ sessionId: forum.dbId, requesterId: e.id, recipientId: p.id, status: 'ACCEPTED' as const, priority: 3, expiresAt: new Date(Date.now() + 86_400_000) }))),
    });
    expect((await transition(a, staff, 'forumStartScheduling', forum.id, 'closeRegistrationEarly: true')).forum?.status).toBe('SCHEDULING');
    const screen: string[] = [];
    const terminal = { isTTY: true, write: (text: string) => screen.push(text) };
    await runForumSchedule(a.db, ['--forum', slug, '--email', STAFF, '--time-limit', '1500'], terminal);
    const drawn = screen.join('');
    console.log(`[${a.db.kind}] CLI import output:\n${log.join('')}CLI schedule output (terminal):\n${drawn.replaceAll('\r', '\\r\n')}`);
    // Redrawn in place: carriage returns, the bar, the last state DONE, then the summary.
    expect(drawn).toMatch(/\r\[#{30}\] DONE +1500\/1500 ms\n/);
    expect(drawn).toMatch(/\d+ meetings booked, \d+ in all/);
  }, 120_000);
});
