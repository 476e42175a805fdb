import { createRandom } from './random';
import type { LockedMeetingInput, ParticipantInput, RequestInput, SchedulingInstance, SlotInput } from './types';

/**
 * Seeded forum instances for tests and benchmarks. Each shape stresses one constraint:
 * - table-bound: fewer tables than simultaneous meetings wanted;
 * - popular-partner: a few partners (buyers, banks) requested by many enterprises;
 * - tight-availability: participants present only for a window of the day;
 * - capped: most participants cap their meetings below what they were requested for;
 * - mixed: a little of everything, plus locked meetings, booth tables and enterprise–enterprise pairs.
 */
export const INSTANCE_SHAPES = ['table-bound', 'popular-partner', 'tight-availability', 'capped', 'mixed'] as const;
export type InstanceShape = (typeof INSTANCE_SHAPES)[number];

export type GenerateOptions = {
  shape: InstanceShape;
  requests: number;
  /** Default requests / 5 (at least 8): 40 % partners, the rest enterprises. */
  participants?: number;
  /** Default between 6 and 16 growing with size; one lunch break from 8 slots on. */
  slots?: number;
  seed?: number;
};

export function generateInstance(options: GenerateOptions): SchedulingInstance {
  const { shape, requests: wanted, seed = 1 } = options;
  const random = createRandom(seed * 7919 + wanted);
  const int = (n: number) => Math.floor(random() * n);
  const slotCount = options.slots ?? Math.min(16, Math.max(6, Math.round(wanted / 12)));
  const participantCount = options.participants ?? Math.max(8, Math.round(wanted / 5));
  const partnerCount = Math.max(2, Math.round(participantCount * 0.4));
  const enterpriseCount = participantCount - partnerCount;

  const slots: SlotInput[] = Array.from({ length: slotCount }, (_, i) => ({
    id: `s${pad(i + 1)}`,
    label: clock(9 * 60 + 20 * i),
    isBreak: slotCount >= 8 && i === Math.floor(slotCount / 2),
  }));
  const meetingSlots = slots.filter((s) => !s.isBreak).length;

  // Who is requested: partners are recipients; popular ones draw half of all requests.
  const popular = Math.max(1, Math.round(partnerCount * 0.15));
  const pairs = new Set<string>();
  const requests: RequestInput[] = [];
  for (let attempt = 0; requests.length < wanted && attempt < wanted * 50; attempt += 1) {
    const requester = `e${pad(int(enterpriseCount) + 1)}`;
    let recipient: string;
    if (shape === 'mixed' && random() < 0.1) recipient = `e${pad(int(enterpriseCount) + 1)}`;
    else if (shape === 'popular-partner' && random() < 0.5) recipient = `m${pad(int(popular) + 1)}`;
    else recipient = `m${pad(int(partnerCount) + 1)}`;
    const key = [requester, recipient].sort().join('|');
    if (requester === recipient || pairs.has(key)) continue;
    pairs.add(key);
    const id = `r${pad(requests.length + 1)}`;
    requests.push({ id, requesterId: requester, recipientId: recipient, priority: priority(random()) });
  }

  const degree = new Map<string, number>();
  for (const r of requests) {
    degree.set(r.requesterId, (degree.get(r.requesterId) ?? 0) + 1);
    degree.set(r.recipientId, (degree.get(r.recipientId) ?? 0) + 1);
  }
  const ids = [
    ...Array.from({ length: partnerCount }, (_, i) => `m${pad(i + 1)}`),
    ...Array.from({ length: enterpriseCount }, (_, i) => `e${pad(i + 1)}`),
  ];
  const capShare = shape === 'capped' ? 0.7 : shape === 'mixed' ? 0.3 : 0;
  const participants: ParticipantInput[] = ids.map((id) => {
    const availableSlotIds =
      shape === 'tight-availability' || (shape === 'mixed' && random() < 0.3)
        ? windowAvailability(slots, random)
        : slots.filter(() => random() < 0.85).map((s) => s.id);
    const d = degree.get(id) ?? 0;
    const meetingCap = d > 1 && random() < capShare ? Math.max(1, Math.round(d * (0.4 + 0.4 * random()))) : null;
    return { id, label: id, availableSlotIds, meetingCap };
  });

  const tableCount =
    shape === 'table-bound'
      ? Math.max(1, Math.round((wanted / meetingSlots) * 0.6))
      : Math.max(2, Math.ceil(participantCount / 2));
  const tables = Array.from({ length: tableCount }, (_, i) => ({ id: `t${pad(i + 1)}`, label: `Meja ${i + 1}` }));

  const locked = shape === 'mixed' ? boothsAndLocks(slots, tables.map((t) => t.id), participants, requests, random) : [];
  return { slots, tables, participants, requests, locked };
}

/** Mixed shape: some partners hold a booth (required table) and staff have locked ~4 % of meetings. */
function boothsAndLocks(
  slots: SlotInput[],
  tableIds: string[],
  participants: ParticipantInput[],
  requests: RequestInput[],
  random: () => number,
): LockedMeetingInput[] {
  const booths = new Map<string, string>();
  const partners = participants.filter((p) => p.id.startsWith('m'));
  for (const p of partners) {
    if (booths.size < tableIds.length / 4 && random() < 0.15) booths.set(p.id, tableIds[booths.size]!);
  }
  for (const r of requests) {
    const booth = booths.get(r.recipientId);
    if (booth) r.requiredTableId = booth;
  }

  const byId = new Map(participants.map((p) => [p.id, p]));
  const busy = new Set<string>();
  const count = new Map<string, number>();
  const locked: LockedMeetingInput[] = [];
  for (const r of requests) {
    if (random() >= 0.04) continue;
    const a = byId.get(r.requesterId)!;
    const b = byId.get(r.recipientId)!;
    if ([a, b].some((p) => p.meetingCap != null && (count.get(p.id) ?? 0) >= p.meetingCap)) continue;
    const slot = slots.find(
      (s) =>
        !s.isBreak &&
        a.availableSlotIds.includes(s.id) &&
        b.availableSlotIds.includes(s.id) &&
        !busy.has(`${a.id}@${s.id}`) &&
        !busy.has(`${b.id}@${s.id}`),
    );
    const table = slot && (r.requiredTableId ? [r.requiredTableId] : tableIds).find((t) => !busy.has(`${t}@${slot.id}`));
    if (!slot || !table) continue;
    for (const key of [a.id, b.id, table]) busy.add(`${key}@${slot.id}`);
    for (const p of [a, b]) count.set(p.id, (count.get(p.id) ?? 0) + 1);
    locked.push({ requestId: r.id, slotId: slot.id, tableId: table });
  }
  return locked;
}

/** A contiguous window covering 35–65 % of the day, with an occasional hole. */
function windowAvailability(slots: SlotInput[], random: () => number): string[] {
  const length = Math.max(2, Math.round(slots.length * (0.35 + 0.3 * random())));
  const start = Math.floor(random() * (slots.length - length + 1));
  return slots.slice(start, start + length).filter(() => random() >= 0.1).map((s) => s.id);
}

/** Mostly 2–4, a few 1s and 5s. */
function priority(u: number): number {
  return u < 0.1 ? 1 : u < 0.4 ? 2 : u < 0.7 ? 3 : u < 0.9 ? 4 : 5;
}

function pad(n: number): string {
  return String(n).padStart(3, '0');
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
