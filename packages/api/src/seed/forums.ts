import type {
  FollowUpStage,
  MeetingOutcome,
  MeetingRequestStatus,
  MeetingStatus,
  Prisma,
} from '@temu-bisnis/schema/prisma';
import { JUTA } from '@temu-bisnis/schema/domain/money';
import { addDays, addHours, addMinutes, addMonths, between, calendarDate, maxDate, minDate, REFERENCE_INSTANT, wib } from './clock';
import { districtId } from './districts';
import type { EnterpriseProfile } from './enterprises';
import { stableId } from './ids';
import type { PartnerProfile } from './partners';
import type { PeopleRows } from './people';
import { formatCount, rupiah } from './quantities';
import { type Random, randomFor } from './random';
import type { ForumData, ReferenceData } from './reference-data';

export interface ForumRows {
  sessions: Prisma.MatchmakingSessionCreateManyInput[];
  sessionSlots: Prisma.SessionSlotCreateManyInput[];
  sessionTables: Prisma.SessionTableCreateManyInput[];
  participants: Prisma.ForumParticipantCreateManyInput[];
  availability: Prisma.ParticipantAvailabilityCreateManyInput[];
  meetingRequests: Prisma.MeetingRequestCreateManyInput[];
  meetings: Prisma.MeetingCreateManyInput[];
  meetingSeats: Prisma.MeetingSeatCreateManyInput[];
  meetingFeedback: Prisma.MeetingFeedbackCreateManyInput[];
  meetingFollowUps: Prisma.MeetingFollowUpCreateManyInput[];
  /** Held meetings between an enterprise and a funder that went somewhere: sources of financing needs. */
  financingMeetings: FinancingMeeting[];
}

export interface FinancingMeeting {
  meetingId: string;
  enterprise: EnterpriseProfile;
  funder: PartnerProfile;
  outcome: MeetingOutcome;
  dealValue: bigint | null;
  heldAt: Date;
}

interface Slot {
  id: string;
  index: number;
  startsAt: Date;
  endsAt: Date;
  isBreak: boolean;
}

interface Participant {
  id: string;
  key: string;
  enterprise?: EnterpriseProfile;
  partner?: PartnerProfile;
  cap: number | null;
  available: Set<string>;
  registeredAt: Date;
}

interface Request {
  id: string;
  requester: Participant;
  recipient: Participant;
  priority: number;
  status: MeetingRequestStatus;
  createdAt: Date;
}

/** Share of partner participants by kind. */
const PARTNER_MIX = [['BUYER', 0.35], ['FUNDER', 0.3], ['DISTRIBUTOR', 0.2], ['SUPPLIER', 0.15]] as const;

export function buildForums(
  data: ReferenceData,
  enterprises: readonly EnterpriseProfile[],
  partners: readonly PartnerProfile[],
  people: PeopleRows,
): ForumRows {
  const out: ForumRows = {
    sessions: [],
    sessionSlots: [],
    sessionTables: [],
    participants: [],
    availability: [],
    meetingRequests: [],
    meetings: [],
    meetingSeats: [],
    meetingFeedback: [],
    meetingFollowUps: [],
    financingMeetings: [],
  };
  for (const forum of data.forums.forums) buildForum(out, data, forum, enterprises, partners, people);
  return out;
}

function buildForum(
  out: ForumRows,
  data: ReferenceData,
  forum: ForumData,
  enterprises: readonly EnterpriseProfile[],
  partners: readonly PartnerProfile[],
  people: PeopleRows,
): void {
  const rng = randomFor(`forum:${forum.slug}`);
  const sessionId = stableId('session', forum.slug);
  const opensAt = wib(...splitLocal(forum.registrationOpensAt));
  const closesAt = wib(...splitLocal(forum.registrationClosesAt));
  const completed = forum.status === 'COMPLETED';
  const registrationEnd = minDate(closesAt, REFERENCE_INSTANT);
  const createdAt = addDays(opensAt, -14);
  const endOfForum = wib(forum.date, '17:00');

  out.sessions.push({
    id: sessionId,
    slug: forum.slug,
    title: forum.title,
    venue: forum.venue,
    address: forum.address,
    districtId: districtId(forum.district),
    date: calendarDate(forum.date),
    timeZone: 'Asia/Jakarta',
    meetingMinutes: forum.meetingMinutes,
    registrationOpensAt: opensAt,
    registrationClosesAt: closesAt,
    requestTtlHours: forum.requestTtlHours,
    pairingRule: 'ENTERPRISE_PARTNER_ONLY',
    status: forum.status,
    isDemo: true,
    createdAt,
    updatedAt: completed ? addDays(endOfForum, 7) : createdAt,
  });

  // Slots and tables.
  const slots = buildSlots(forum);
  out.sessionSlots.push(...slots.map(({ id, index, startsAt, endsAt, isBreak }) => ({ id, sessionId, index, startsAt, endsAt, isBreak })));
  const meetingSlots = slots.filter((s) => !s.isBreak);
  const tables = Array.from({ length: forum.tables }, (_, i) => ({
    id: stableId('session-table', `${forum.slug}:Meja ${i + 1}`),
    name: `Meja ${i + 1}`,
  }));
  out.sessionTables.push(...tables.map((t) => ({ ...t, sessionId })));

  // Participants: members of the empowered sentra first, then others; partners by kind.
  const empowered = new Set(data.sentra.filter((s) => s.programStage === 'EMPOWERMENT').map((s) => s.slug));
  const chosenEnterprises = enterprises
    .filter((e) => e.createdAt < registrationEnd)
    .map((e) => ({ e, order: rng.next() * (e.sentraSlug && empowered.has(e.sentraSlug) ? 0.5 : 1) }))
    .sort((a, b) => a.order - b.order)
    .slice(0, forum.participants.enterprises)
    .map(({ e }) => e);
  const chosenPartners = PARTNER_MIX.flatMap(([kind, share]) =>
    rng.sample(
      partners.filter((p) => p.data.kind === kind && p.createdAt < registrationEnd),
      Math.round(forum.participants.partners * share),
    ),
  );

  const participants: Participant[] = [];
  const register = (key: string, owner: { enterprise?: EnterpriseProfile; partner?: PartnerProfile }, attendees: string[], cap: number | null, ownUserId: string | undefined) => {
    const id = stableId('participant', `${forum.slug}:${key}`);
    const registeredAt = between(opensAt, addHours(registrationEnd, -6), rng.next);
    const available = pickAvailability(rng, meetingSlots);
    const officer = people.officers.length > 0 && rng.chance(0.5) ? rng.pick(people.officers).id : undefined;
    out.participants.push({
      id,
      sessionId,
      enterpriseId: owner.enterprise?.id ?? null,
      partnerId: owner.partner?.id ?? null,
      attendees,
      meetingCap: cap,
      registeredAt,
      registeredById: officer ?? ownUserId ?? null,
    });
    out.availability.push(...meetingSlots.filter((s) => available.has(s.id)).map((s) => ({ participantId: id, slotId: s.id })));
    participants.push({ id, key, ...owner, cap, available, registeredAt });
  };
  for (const e of chosenEnterprises) {
    register(`enterprise:${e.nib}`, { enterprise: e }, [e.owner.fullName], rng.pick([null, 4, 5, 6]), people.ownerOf.get(e.id)?.id);
  }
  for (const p of chosenPartners) {
    register(`partner:${p.data.slug}`, { partner: p }, [p.contact.fullName], rng.pick([null, 6, 8, 10]), people.membersOf.get(p.id)?.[0]?.id);
  }

  // Meeting requests, both ways, to the best-fitting counterparts.
  const requests = buildRequests(rng, data, forum, sessionId, participants, closesAt, completed, out);
  if (!completed) return;
  // Scheduled the morning after registration closed.
  schedule(out, data, rng, forum, sessionId, requests, meetingSlots, tables, addHours(closesAt, 18));
}

/**
 * A valid schedule for the accepted requests, most wanted first: each meeting in the earliest slot
 * where both parties are available and free and a table is free, within the meeting caps. The
 * unique keys of Meeting (slot, table) and MeetingSeat (participant, slot) hold by construction.
 */
function schedule(
  out: ForumRows,
  data: ReferenceData,
  rng: Random,
  forum: ForumData,
  sessionId: string,
  requests: readonly Request[],
  meetingSlots: readonly Slot[],
  tables: readonly { id: string }[],
  scheduledAt: Date,
): void {
  const busy = new Set<string>();
  const tableUsed = new Set<string>();
  const meetingsOf = new Map<string, number>();
  const accepted = requests
    .filter((r) => r.status === 'ACCEPTED')
    .sort((a, b) => b.priority - a.priority || a.createdAt.getTime() - b.createdAt.getTime());
  for (const request of accepted) {
    const { requester: a, recipient: b } = request;
    if (!underCap(a, meetingsOf) || !underCap(b, meetingsOf)) continue;
    const slot = meetingSlots.find(
      (s) => a.available.has(s.id) && b.available.has(s.id) && !busy.has(`${a.id}:${s.id}`) && !busy.has(`${b.id}:${s.id}`) && tables.some((t) => !tableUsed.has(`${t.id}:${s.id}`)),
    );
    if (!slot) continue;
    const table = tables.find((t) => !tableUsed.has(`${t.id}:${slot.id}`))!;
    busy.add(`${a.id}:${slot.id}`);
    busy.add(`${b.id}:${slot.id}`);
    tableUsed.add(`${table.id}:${slot.id}`);
    meetingsOf.set(a.id, (meetingsOf.get(a.id) ?? 0) + 1);
    meetingsOf.set(b.id, (meetingsOf.get(b.id) ?? 0) + 1);
    recordMeeting(out, data, rng, forum, sessionId, request, slot, table.id, scheduledAt);
  }
}

function buildSlots(forum: ForumData): Slot[] {
  const slots: Slot[] = [];
  let previousEnd: Date | null = null;
  for (const block of forum.schedule) {
    let cursor = wib(forum.date, block.start);
    if (previousEnd && cursor < previousEnd) throw new Error(`seed data: ${forum.slug} schedule overlaps at ${block.start}`);
    const lengths = 'meetings' in block ? Array<number>(block.meetings).fill(forum.meetingMinutes) : [block.breakMinutes];
    for (const minutes of lengths) {
      const index = slots.length + 1;
      const endsAt = addMinutes(cursor, minutes);
      slots.push({ id: stableId('session-slot', `${forum.slug}#${index}`), index, startsAt: cursor, endsAt, isBreak: !('meetings' in block) });
      cursor = endsAt;
    }
    previousEnd = cursor;
  }
  return slots;
}

/** Most participants stay all day; some only in the morning, some miss a stretch. */
function pickAvailability(rng: Random, meetingSlots: readonly Slot[]): Set<string> {
  const ids = meetingSlots.map((s) => s.id);
  const r = rng.next();
  if (r < 0.7) return new Set(ids);
  if (r < 0.85) return new Set(ids.slice(0, Math.ceil(ids.length / 2) + 1));
  const start = rng.int(0, ids.length - 3);
  const gap = rng.int(2, 3);
  return new Set(ids.filter((_, i) => i < start || i >= start + gap));
}

function fit(e: EnterpriseProfile, p: PartnerProfile): number {
  const d = p.data;
  const categories = new Set(e.products.map((x) => x.category));
  const inputs = new Set(e.line.inputs.map((x) => x.category));
  let score = 0;
  if (d.sectors.includes(e.line.sector)) score += 2;
  if (d.productCategories.some((c) => categories.has(c) || inputs.has(c))) score += 3;
  if (d.kbliPrefixes.some((prefix) => e.kbli.some((code) => code.startsWith(prefix)))) score += 1;
  if (d.kind === 'FUNDER') score += 1;
  return score;
}

function buildRequests(
  rng: Random,
  data: ReferenceData,
  forum: ForumData,
  sessionId: string,
  participants: readonly Participant[],
  closesAt: Date,
  completed: boolean,
  out: ForumRows,
): Request[] {
  const ttl = forum.requestTtlHours;
  const enterprisesIn = participants.filter((p) => p.enterprise);
  const partnersIn = participants.filter((p) => p.partner);
  const pairs = new Set<string>();
  const requests: Request[] = [];
  const best = (from: Participant, candidates: readonly Participant[], n: number) =>
    candidates
      .map((c) => ({ c, score: fit((from.enterprise ?? c.enterprise)!, (from.partner ?? c.partner)!) + rng.next() * 1.5 }))
      .sort((x, y) => y.score - x.score)
      .slice(0, n)
      .map(({ c }) => c);

  const add = (requester: Participant, recipient: Participant) => {
    const pair = [requester.id, recipient.id].sort().join('|');
    if (pairs.has(pair)) return;
    pairs.add(pair);
    const enterprise = (requester.enterprise ?? recipient.enterprise)!;
    const product = enterprise.products[0]!;
    const template = rng.pick(requester.enterprise ? data.forums.requestMessages.enterpriseToPartner : data.forums.requestMessages.partnerToEnterprise);
    const message = template
      .replace('{product}', product.name.toLowerCase())
      .replace('{capacity}', `${formatCount(product.monthlyCapacity)} ${product.unit}`);
    const earliest = maxDate(requester.registeredAt, recipient.registeredAt);
    let createdAt: Date;
    let status: MeetingRequestStatus;
    let respondedAt: Date | null = null;
    if (completed) {
      createdAt = between(earliest, addHours(closesAt, -ttl), rng.next);
      status = rng.weighted<MeetingRequestStatus>([['ACCEPTED', 78], ['DECLINED', 12], ['EXPIRED', 6], ['CANCELLED', 4]]);
    } else {
      // Registration is open: recent requests still wait for an answer, older ones were answered or lapsed.
      const recent = rng.chance(0.6);
      createdAt = recent
        ? between(maxDate(earliest, addHours(REFERENCE_INSTANT, -(ttl - 6))), REFERENCE_INSTANT, rng.next)
        : between(earliest, REFERENCE_INSTANT, rng.next);
      const lapsed = addHours(createdAt, ttl) < REFERENCE_INSTANT;
      status = lapsed
        ? rng.weighted<MeetingRequestStatus>([['ACCEPTED', 45], ['DECLINED', 25], ['EXPIRED', 30]])
        : rng.weighted<MeetingRequestStatus>([['PENDING', 80], ['ACCEPTED', 10], ['DECLINED', 10]]);
    }
    if (status === 'ACCEPTED' || status === 'DECLINED') {
      respondedAt = minDate(addHours(createdAt, rng.int(1, ttl - 1)), completed ? closesAt : REFERENCE_INSTANT);
      if (respondedAt <= createdAt) respondedAt = addMinutes(createdAt, 30);
    }
    const id = stableId('meeting-request', `${forum.slug}:${requester.key}->${recipient.key}`);
    const priority = rng.weighted([[1, 50], [2, 35], [3, 15]]);
    out.meetingRequests.push({
      id,
      sessionId,
      requesterId: requester.id,
      recipientId: recipient.id,
      message,
      priority,
      status,
      expiresAt: addHours(createdAt, ttl),
      respondedAt,
      createdAt,
    });
    requests.push({ id, requester, recipient, priority, status, createdAt });
  };

  for (const e of enterprisesIn) {
    for (const p of best(e, partnersIn, rng.int(...forum.requestsPerEnterprise))) add(e, p);
  }
  for (const p of partnersIn) {
    for (const e of best(p, enterprisesIn, rng.int(...forum.requestsPerPartner))) add(p, e);
  }
  return requests;
}

function underCap(p: Participant, meetingsOf: Map<string, number>): boolean {
  return p.cap === null || (meetingsOf.get(p.id) ?? 0) < p.cap;
}

function recordMeeting(
  out: ForumRows,
  data: ReferenceData,
  rng: Random,
  forum: ForumData,
  sessionId: string,
  request: Request,
  slot: Slot,
  tableId: string,
  scheduledAt: Date,
): void {
  const meetingId = stableId('meeting', request.id);
  const enterpriseSide = request.requester.enterprise ? request.requester : request.recipient;
  const partnerSide = request.requester.partner ? request.requester : request.recipient;
  const enterprise = enterpriseSide.enterprise!;
  const partner = partnerSide.partner!;
  const status = rng.weighted<MeetingStatus>([['HELD', 88], ['NO_SHOW', 7], ['CANCELLED', 5]]);
  const outcome =
    status === 'HELD' ? rng.weighted<MeetingOutcome>([['DEAL', 28], ['FOLLOW_UP', 44], ['NO_INTEREST', 28]]) : null;
  const dealValue = outcome === 'DEAL' ? dealValueOf(rng, enterprise, partner) : null;
  const afterForum = wib(forum.date, '18:00');
  out.meetings.push({
    id: meetingId,
    sessionId,
    requestId: request.id,
    slotId: slot.id,
    tableId,
    locked: rng.chance(0.1),
    status,
    outcome,
    dealValue,
    createdAt: scheduledAt,
    updatedAt: status === 'HELD' ? addHours(afterForum, rng.int(0, 72)) : afterForum,
  });

  const sides = [request.requester, request.recipient];
  const noShow = status === 'NO_SHOW' ? rng.pick(sides).id : null;
  for (const side of sides) {
    const checkedIn = status === 'HELD' || (status === 'NO_SHOW' && side.id !== noShow);
    out.meetingSeats.push({
      id: stableId('meeting-seat', `${meetingId}:${side.id}`),
      meetingId,
      participantId: side.id,
      slotId: slot.id,
      checkedInAt: checkedIn ? addMinutes(slot.startsAt, -rng.int(1, 10)) : null,
    });
  }
  if (status !== 'HELD' || !outcome) return;

  for (const side of sides) {
    if (!rng.chance(0.85)) continue;
    const [low, high, pool] =
      outcome === 'DEAL' ? [4, 5, data.forums.feedback.high] : outcome === 'FOLLOW_UP' ? [3, 5, data.forums.feedback.mid] : [2, 4, data.forums.feedback.low];
    out.meetingFeedback.push({
      id: stableId('meeting-feedback', `${meetingId}:${side.id}`),
      meetingId,
      participantId: side.id,
      rating: rng.int(low, high),
      comment: rng.pick(pool),
      createdAt: addHours(wib(forum.date, '17:00'), rng.int(0, 72)),
    });
  }

  const isFunder = partner.data.kind === 'FUNDER';
  const followUp = (monthsAfter: number, stage: FollowUpStage) =>
    out.meetingFollowUps.push({
      id: stableId('meeting-follow-up', `${meetingId}:${monthsAfter}`),
      meetingId,
      monthsAfter,
      stage,
      note: data.forums.followUpNotes[stage] ?? '',
      recordedAt: addDays(addMonths(wib(forum.date, '10:00'), monthsAfter), rng.int(0, 10)),
    });
  if (outcome === 'DEAL') {
    followUp(3, isFunder ? 'CONTRACT_SIGNED' : rng.pick<FollowUpStage>(['CONTRACT_SIGNED', 'FIRST_ORDER_DELIVERED']));
    if (!isFunder && rng.chance(0.5)) followUp(6, 'FIRST_ORDER_DELIVERED');
  } else if (outcome === 'FOLLOW_UP' && rng.chance(0.7)) {
    followUp(
      3,
      isFunder
        ? rng.weighted<FollowUpStage>([['FINANCING_APPLIED', 60], ['NO_PROGRESS', 40]])
        : rng.weighted<FollowUpStage>([['NEGOTIATION_STARTED', 45], ['CONTRACT_SIGNED', 20], ['NO_PROGRESS', 35]]),
    );
  }
  if (isFunder && outcome !== 'NO_INTEREST') {
    out.financingMeetings.push({ meetingId, enterprise, funder: partner, outcome, dealValue, heldAt: slot.startsAt });
  }
}

/** Order value for a supply deal; the financing agreed for a funder. */
function dealValueOf(rng: Random, enterprise: EnterpriseProfile, partner: PartnerProfile): bigint {
  const ticket = partner.data.ticket;
  if (partner.data.kind === 'FUNDER' && ticket) {
    const ceiling = enterprise.size === 'MICRO' ? 150_000_000 : enterprise.size === 'SMALL' ? 1_000_000_000 : 5_000_000_000;
    const max = Math.max(ticket[0], Math.min(ticket[1], ceiling));
    return rupiah(rng.logUniform(ticket[0], max), 5n * JUTA);
  }
  const [min, max] = enterprise.size === 'MICRO' ? [5e6, 60e6] : enterprise.size === 'SMALL' ? [25e6, 300e6] : [100e6, 1_500e6];
  return rupiah(rng.logUniform(min, max), 500_000n);
}

/** "2025-11-10T08:00" → ["2025-11-10", "08:00"]. */
function splitLocal(local: string): [string, string] {
  const [date, time] = local.split('T') as [string, string];
  return [date, time];
}
