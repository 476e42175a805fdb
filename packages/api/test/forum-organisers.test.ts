import { generateInstance, type InstanceShape, schedule } from '@temu-bisnis/schema/domain/scheduling/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForum, forumRowCounts, freeOrganisations, globalId, REQUEST_ACCEPT, REQUEST_CREATE, registerOk, STAFF, tableHash, transition, unique } from './forum-fixtures';
import { BULK_CREATE, BULK_RESPOND, forumOf, IMPORT, PROGRESS, SCHEDULE } from './forum-generated';
import { startTestServer, type TestServer } from './support/server';

/**
 * An organiser's forum end to end over real HTTP: a roster imported from CSV, requests sent and
 * answered in bulk, the schedule run with defaults; the default path against the proven
 * optimum; the CSV import's per-row errors; provenOptimal after refusals at accept time.
 */

let api: TestServer;
let staff: Record<string, string>;

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  staff = await api.as(STAFF);
});
afterAll(async () => api?.close());

/** NIBs of the IKM the CSV test creates (the generated forums use another prefix). */
let nibCounter = 0;

describe('the default path: register, request, accept with defaults, schedule', () => {
  it('a 200-participant, 900-request forum end to end in at most 10 HTTP calls, with progress to poll', async () => {
    const instance = generateInstance({ shape: 'capped', requests: 900, participants: 200, seed: 3 });
    expect(instance.requests).toHaveLength(900);
    const count = { calls: 0 };
    const started = performance.now();
    const forum = await forumOf(api, staff, instance, count);
    count.calls += 1;
    const running = api.gql(SCHEDULE, { input: { forumId: forum.id } }, staff);
    count.calls += 1;
    const polled = (await api.gql(PROGRESS, { forumId: forum.id }, staff)).data!.forumProgress;
    const { run, userErrors } = (await running).data!.forumSchedule;
    const ms = Math.round(performance.now() - started);
    expect(userErrors).toEqual([]);
    // The poll saw the import or the schedule run (whichever the server had reached), never nothing.
    expect(['IMPORT', 'SCHEDULE']).toContain(polled.operation);
    const after = (await api.gql(PROGRESS, { forumId: forum.id }, staff)).data!.forumProgress;
    expect(after).toMatchObject({ operation: 'SCHEDULE', phase: 'DONE' });
    expect(after.finishedAt).not.toBeNull();
    expect(count.calls).toBeLessThanOrEqual(10);
    expect(run.objective.meetings).toBeGreaterThanOrEqual(run.baselineMeetings);
    expect(run.meetingsUpperBound).toBeGreaterThanOrEqual(run.objective.meetings);
    expect(run.heldFixed).toBe(0);
    const saved = await api.db.prisma.meeting.count({ where: { sessionId: forum.dbId } });
    expect(saved).toBe(run.objective.meetings);
    console.log(
      `[${api.db.kind}] 200 participants, 900 requests: ${count.calls} HTTP calls end to end (one of them a progress poll), ${ms} ms; ` +
        `${run.objective.meetings} meetings (${run.method}, provenOptimal ${run.provenOptimal}, bound ${run.meetingsUpperBound}, gap ${run.gap.toFixed(4)}), ` +
        `first-come ${run.baselineMeetings}, solver ${run.elapsedMs} ms`,
    );
  }, 240_000);

  const SMALL: [InstanceShape, number][] = [
    ['table-bound', 50],
    ['popular-partner', 50],
    ['tight-availability', 100],
    ['capped', 100],
  ];
  it.each(SMALL)('%s, %i requests: the default path reaches the proven optimum', async (shape, requests) => {
    const instance = generateInstance({ shape, requests, seed: 1 });
    const forum = await forumOf(api, staff, instance, { calls: 0 });
    const { run, userErrors } = (await api.gql(SCHEDULE, { input: { forumId: forum.id } }, staff)).data!.forumSchedule;
    expect(userErrors).toEqual([]);
    const optimum = await schedule(instance, { exact: 'always', timeLimitMs: Infinity });
    expect(optimum.provenOptimal).toBe(true);
    expect(run.provenOptimal).toBe(true);
    expect(run.objective).toEqual({ meetings: optimum.objective.meetings, priority: optimum.objective.priority });
    console.log(`[${api.db.kind}] ${shape} ${requests}: default path ${run.objective.meetings}, optimum ${optimum.objective.meetings}, first-come ${run.baselineMeetings}`);
  }, 120_000);
});

describe('forumParticipantImport', () => {
  it('200 rows with 10 bad ones: every bad row reported by row and column, never its value; nothing written; then the good rows register', async () => {
    const forum = await createForum(api, staff, { tableCount: 10 });
    const seeded = await freeOrganisations(api, forum.dbId, { enterprises: 1, partners: 1 });
    const seededNib = (await api.db.prisma.enterprise.findUniqueOrThrow({ where: { id: seeded.enterprises[0]!.id } })).nib;
    const seededSlug = (await api.db.prisma.partner.findUniqueOrThrow({ where: { id: seeded.partners[0]!.id } })).slug;
    const header = 'name,nib,partner,role,availability,cap,sector,district,founded,attendees';
    const tag = unique();
    const good: string[] = [
      // Already in the registry: registered, not created again.
      `Existing IKM,${seededNib},,IKM,all,,,,,Bu Sri`,
      `Existing partner,,${seededSlug},${(await api.db.prisma.partner.findUniqueOrThrow({ where: { id: seeded.partners[0]!.id } })).kind},09:00-10:00,2,,,,`,
    ];
    for (let i = 0; good.length < 190; i += 1) {
      nibCounter += 1;
      good.push(
        i % 4 === 0
          ? `Mitra ${tag} ${i},,mitra-${tag}-${i},DISTRIBUTOR,09:20;10:20,,,,,`
          : `IKM ${tag} ${i},${`66${String(nibCounter).padStart(11, '0')}`},,ikm,${i % 3 === 0 ? '09:00-10:00' : 'all'},${(i % 5) + 1},BATIK,33.74.12,2019-07-15,Pak Budi;Bu Ani`,
      );
    }
    const secret = 'RAHASIA-NILAI';
    const bad: [row: string, field: string, code: string][] = [
      [`IKM bad nib,12345${secret},,IKM,all,,BATIK,33.74.12,2019-07-15,`, 'nib', 'INVALID_NIB'],
      [`,6600000000999,,IKM,all,,BATIK,33.74.12,2019-07-15,`, 'name', 'REQUIRED'],
      [`Role salah,,mitra-${tag}-bad-role,${secret},all,,,,,`, 'role', 'INVALID_VALUE'],
      [`Jam salah,,mitra-${tag}-bad-time,BUYER,25:00,,,,,`, 'availability', 'INVALID_VALUE'],
      [`Cap salah,,mitra-${tag}-bad-cap,BUYER,all,99,,,,`, 'cap', 'INVALID_VALUE'],
      [`Kecamatan salah,6600000000998,,IKM,all,,BATIK,33.74.99,2019-07-15,`, 'district', 'INVALID_VALUE'],
      [`Tanpa sektor,6600000000997,,IKM,all,,,33.74.12,2019-07-15,`, 'sector', 'REQUIRED'],
      [`Tanggal salah,6600000000996,,IKM,all,,BATIK,33.74.12,15/07/2019,`, 'founded', 'INVALID_VALUE'],
      [`Dobel,,mitra-${tag}-0,DISTRIBUTOR,all,,,,,`, 'partner', 'TAKEN'],
      [`Mitra tanpa slug,,,SUPPLIER,all,,,,,`, 'partner', 'INVALID_VALUE'],
    ];
    // Bad rows spread through the file: rows are numbered as the spreadsheet shows them (header = 1).
    const rows = [...good];
    const badAt: number[] = [];
    bad.forEach(([row], k) => {
      const index = 7 + k * 19;
      rows.splice(index, 0, row);
      badAt.push(index + 2);
    });
    expect(rows).toHaveLength(200);
    const csv = [header, ...rows].join('\r\n');
    const counts = await forumRowCounts(api);
    const registry = { enterprises: await tableHash(api, 'Enterprise'), partners: await tableHash(api, 'Partner') };

    const first = await api.gql(IMPORT, { input: { forumId: forum.id, csv } }, staff);
    expect(first.errors).toBeUndefined();
    const refused = first.data!.forumParticipantImport;
    expect(refused.participants).toBeNull();
    expect(
      refused.userErrors.map((e: { code: string; field: string[] }) => `${e.field.join('.')}:${e.code}`).sort(),
    ).toEqual(bad.map(([, field, code], k) => `input.rows.${badAt[k]}.${field}:${code}`).sort());
    for (const e of refused.userErrors) {
      expect(e.message).not.toContain(secret);
      expect(e.message).not.toContain('33.74.99');
      expect(e.message).not.toContain('25:00');
    }
    expect(await forumRowCounts(api)).toEqual(counts);
    expect(await tableHash(api, 'Enterprise')).toBe(registry.enterprises);
    expect(await tableHash(api, 'Partner')).toBe(registry.partners);

    const ok = (await api.gql(IMPORT, { input: { forumId: forum.id, csv: [header, ...good].join('\n') } }, staff)).data!.forumParticipantImport;
    expect(ok.userErrors).toEqual([]);
    expect(ok.participants).toHaveLength(190);
    const newPartners = good.filter((r) => r.startsWith('Mitra')).length;
    expect(ok.createdPartners).toBe(newPartners);
    expect(ok.createdEnterprises).toBe(190 - 2 - newPartners);
    const after = await forumRowCounts(api);
    expect(after.ForumParticipant! - counts.ForumParticipant!).toBe(190);
    const existing = await api.db.prisma.forumParticipant.findFirstOrThrow({
      where: { sessionId: forum.dbId, partnerId: seeded.partners[0]!.id },
      include: { availability: true },
    });
    expect(existing.meetingCap).toBe(2);
    // 09:00-10:00: the slots starting at 09:00, 09:20 and 09:40.
    expect(existing.availability.map((a) => globalId('ForumSlot', a.slotId)).sort()).toEqual(forum.meetingSlots.slice(0, 3).map((x) => x.id).sort());
    console.log(`[${api.db.kind}] import of 200 rows with 10 bad: ${refused.userErrors.length} row errors, nothing written; 190 good rows: ${ok.createdEnterprises} IKM and ${ok.createdPartners} partners created, 190 registered`);

    // The same file again: every row is already registered, so nothing changes.
    const again = (await api.gql(IMPORT, { input: { forumId: forum.id, csv: [header, ...good].join('\n') } }, staff)).data!.forumParticipantImport;
    expect(again.userErrors).toHaveLength(190);
    expect(new Set(again.userErrors.map((e: { code: string }) => e.code))).toEqual(new Set(['TAKEN']));
    expect(await forumRowCounts(api)).toEqual(after);
  }, 120_000);
});

describe('bulk requests', () => {
  it('ALL_OR_NOTHING writes nothing on one bad item; PER_ITEM writes the rest and names the item; an Idempotency-Key applies once', async () => {
    const forum = await createForum(api, staff, { tableCount: 5 });
    const orgs = await freeOrganisations(api, forum.dbId, { enterprises: 3, partners: 2 });
    const e = await Promise.all(orgs.enterprises.map((x) => registerOk(api, staff, forum.id, { enterpriseId: x.id })));
    const p = await Promise.all(orgs.partners.map((x) => registerOk(api, staff, forum.id, { partnerId: x.id })));
    const items = [
      { fromParticipantId: e[0], toParticipantId: p[0], priority: 5 },
      { fromParticipantId: e[1], toParticipantId: e[2] }, // two IKM at an IKM-with-partner forum
      { fromParticipantId: e[2], toParticipantId: p[1], priority: 9 },
      { fromParticipantId: e[1], toParticipantId: p[0] },
    ];
    const before = await forumRowCounts(api);
    const all = (await api.gql(BULK_CREATE, { input: { forumId: forum.id, items } }, staff)).data!.meetingRequestBulkCreate;
    expect(all.requests).toBeNull();
    expect(all.userErrors.map((u: { code: string; field: string[] }) => `${u.field.join('.')}:${u.code}`)).toEqual([
      'input.items.1.toParticipantId:PAIRING_NOT_ALLOWED',
      'input.items.2.priority:INVALID_VALUE',
    ]);
    expect(await forumRowCounts(api)).toEqual(before);

    const key = { ...staff, 'idempotency-key': `bulk-${unique()}` };
    const first = await api.gql(BULK_CREATE, { input: { forumId: forum.id, items, mode: 'PER_ITEM' } }, key);
    const some = first.data!.meetingRequestBulkCreate;
    expect(some.requests.map((r: { status: string } | null) => r?.status ?? null)).toEqual(['PENDING', null, null, 'PENDING']);
    expect(some.userErrors).toHaveLength(2);
    const replay = await api.gql(BULK_CREATE, { input: { forumId: forum.id, items, mode: 'PER_ITEM' } }, key);
    expect(replay.data).toEqual(first.data);
    expect((await forumRowCounts(api)).MeetingRequest).toBe(before.MeetingRequest! + 2);

    const ids = some.requests.filter(Boolean).map((r: { id: string }) => r.id);
    const answered = (
      await api.gql(BULK_RESPOND, { input: { forumId: forum.id, items: [{ id: ids[0], accept: true }, { id: ids[1], accept: false }, { id: ids[0], accept: true }], mode: 'PER_ITEM' } }, staff)
    ).data!.meetingRequestBulkRespond;
    expect(answered.requests.map((r: { status: string } | null) => r?.status ?? null)).toEqual(['ACCEPTED', 'DECLINED', null]);
    expect(answered.userErrors.map((u: { field: string[] }) => u.field.join('.'))).toEqual(['input.items.2.id']);
    // Accepted in bulk joins the pool: nothing is booked until the schedule run.
    expect((await forumRowCounts(api)).Meeting).toBe(before.Meeting);
    const tooMany = (await api.gql(BULK_RESPOND, { input: { forumId: forum.id, items: Array.from({ length: 1001 }, () => ({ id: ids[0], accept: true })) } }, staff)).data!
      .meetingRequestBulkRespond;
    expect(tooMany.userErrors.map((u: { code: string }) => u.code)).toEqual(['TOO_MANY']);
  }, 60_000);
});

describe('provenOptimal after refusals at accept time', () => {
  it('a request refused a slot at accept time joins the pool; the run is proven optimal only once it may move the first-come booking', async () => {
    // A (partner) meets B at 09:00 or 09:20, C only at 09:00. First-come books A–B at 09:00 and leaves C out.
    const forum = await createForum(api, staff, { tableCount: 3 });
    const orgs = await freeOrganisations(api, forum.dbId, { enterprises: 2, partners: 1 });
    const [s1, s2] = forum.meetingSlots;
    const A = await registerOk(api, staff, forum.id, { partnerId: orgs.partners[0]!.id }, { availableSlotIds: [s1!.id, s2!.id] });
    const B = await registerOk(api, staff, forum.id, { enterpriseId: orgs.enterprises[0]!.id }, { availableSlotIds: [s1!.id, s2!.id] });
    const C = await registerOk(api, staff, forum.id, { enterpriseId: orgs.enterprises[1]!.id }, { availableSlotIds: [s1!.id] });
    const send = async (from: string) =>
      (await api.gql(REQUEST_CREATE, { input: { fromParticipantId: from, toParticipantId: A, priority: 3 } }, staff)).data!.meetingRequestCreate.request.id as string;
    const ab = await send(B);
    const ac = await send(C);
    const bookedAb = (await api.gql(REQUEST_ACCEPT, { input: { id: ab, bookNow: true } }, staff)).data!.meetingRequestAccept;
    expect(bookedAb.meeting.slot.id).toBe(s1!.id);
    const refusedAc = (await api.gql(REQUEST_ACCEPT, { input: { id: ac, bookNow: true } }, staff)).data!.meetingRequestAccept;
    expect(refusedAc.userErrors).toEqual([]);
    expect(refusedAc.notBooked.code).toBe('NO_FREE_SLOT');
    expect(refusedAc.request.status).toBe('ACCEPTED');
    expect((await transition(api, staff, 'forumStartScheduling', forum.id, 'closeRegistrationEarly: true')).forum?.status).toBe('SCHEDULING');

    const held = (await api.gql(SCHEDULE, { input: { forumId: forum.id } }, staff)).data!.forumSchedule.run;
    expect(held.unscheduled.map((u: { reason: string }) => u.reason)).toEqual(['NO_FREE_SLOT']);
    expect(held.heldFixed).toBe(1);
    expect(held.provenOptimal).toBe(false);

    const free = (await api.gql(SCHEDULE, { input: { forumId: forum.id, reoptimize: true } }, staff)).data!.forumSchedule.run;
    expect(free.objective.meetings).toBe(2);
    expect(free.unscheduled).toEqual([]);
    expect(free.heldFixed).toBe(0);
    expect(free.provenOptimal).toBe(true);
    expect(free.gap).toBe(0);
  }, 60_000);

  it('two participants who share no slot: NO_COMMON_SLOT, distinct from a full forum', async () => {
    const forum = await createForum(api, staff, { tableCount: 1 });
    const orgs = await freeOrganisations(api, forum.dbId, { enterprises: 1, partners: 1 });
    const [s1, s2] = forum.meetingSlots;
    const A = await registerOk(api, staff, forum.id, { partnerId: orgs.partners[0]!.id }, { availableSlotIds: [s1!.id] });
    const B = await registerOk(api, staff, forum.id, { enterpriseId: orgs.enterprises[0]!.id }, { availableSlotIds: [s2!.id] });
    const id = (await api.gql(REQUEST_CREATE, { input: { fromParticipantId: B, toParticipantId: A } }, staff)).data!.meetingRequestCreate.request.id;
    const res = (await api.gql(REQUEST_ACCEPT, { input: { id, bookNow: true } }, staff)).data!.meetingRequestAccept;
    expect(res.userErrors.map((u: { code: string }) => u.code)).toEqual(['NO_COMMON_SLOT']);
    expect(res.request).toBeNull();
  });
});
