import { builder } from '../builder';
import { forumRegency } from '../auth/region';
import { FunderTypeEnum, MeetingStatusEnum, PartnerKindEnum, SectorEnum } from '../common/enums';
import type { Context } from '../context';
import { localTime, zoneAbbreviation } from '../domain/forum';
import type { Prisma } from '../generated/prisma/client';
import { participantReadersOf } from './access';
import { ForumParticipantRef, ForumRef, ForumSlotRef, ForumTableRef, MeetingRef, naturalCompare, ParticipantSideEnum } from './types/objects';

/** How much of a counterpart's description an agenda shows. */
const SUMMARY_MAX = 280;
const PRODUCTS_SHOWN = 5;

const ENTERPRISE_SUMMARY = {
  id: true,
  name: true,
  description: true,
  sector: true,
  district: { select: { name: true } },
  products: { select: { name: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }], take: PRODUCTS_SHOWN },
} as const satisfies Prisma.EnterpriseSelect;

const PARTNER_SUMMARY = {
  id: true,
  name: true,
  kind: true,
  funderType: true,
  description: true,
  offers: true,
  website: true,
  sectors: true,
  district: { select: { name: true } },
} as const satisfies Prisma.PartnerSelect;

const AGENDA_SELECT = {
  session: { select: { timeZone: true } },
  seats: {
    select: {
      checkedInAt: true,
      meeting: {
        include: {
          slot: true,
          table: true,
          seats: {
            include: { participant: { include: { enterprise: { select: ENTERPRISE_SUMMARY }, partner: { select: PARTNER_SUMMARY } } } },
          },
        },
      },
    },
  },
} as const satisfies Prisma.ForumParticipantSelect;

type AgendaParent = Prisma.ForumParticipantGetPayload<{ select: typeof AGENDA_SELECT }> & { id: string };
type Seat = AgendaParent['seats'][number];
type Counterpart = Seat['meeting']['seats'][number]['participant'];

interface AgendaItemShape {
  seat: Seat;
  counterpart: Counterpart;
  timeZone: string;
}

function summarise(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= SUMMARY_MAX) return clean;
  const cut = clean.slice(0, SUMMARY_MAX);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), SUMMARY_MAX - 40)).trimEnd()}…`;
}

const CounterpartProfileRef = builder.objectRef<Counterpart>('CounterpartProfile').implement({
  description: 'What an agenda tells about the organisation across the table: its public profile in short.',
  fields: (t) => ({
    name: t.string({ description: 'Name of the IKM or partner organisation.', resolve: (c) => c.enterprise?.name ?? c.partner?.name ?? '' }),
    side: t.field({ type: ParticipantSideEnum, description: 'ENTERPRISE or PARTNER.', resolve: (c) => (c.enterpriseId ? 'ENTERPRISE' : 'PARTNER') }),
    partnerKind: t.field({ type: PartnerKindEnum, nullable: true, description: 'Buyer, supplier, distributor or funder; null for an IKM.', resolve: (c) => c.partner?.kind ?? null }),
    funderType: t.field({ type: FunderTypeEnum, nullable: true, description: 'Kind of funder (bank, BPR, koperasi…); null otherwise.', resolve: (c) => c.partner?.funderType ?? null }),
    sectors: t.field({
      type: [SectorEnum],
      description: "The IKM's sector, or the sectors the partner seeks or serves.",
      resolve: (c) => (c.enterprise ? [c.enterprise.sector] : (c.partner?.sectors ?? [])),
    }),
    districtName: t.string({ nullable: true, description: 'Its kecamatan, if in Kota Semarang.', resolve: (c) => c.enterprise?.district.name ?? c.partner?.district?.name ?? null }),
    summary: t.string({
      description: `Its description, at most ${SUMMARY_MAX} characters.`,
      resolve: (c) => summarise(c.enterprise?.description ?? c.partner?.description ?? ''),
    }),
    products: t.stringList({
      description: `An IKM's products (up to ${PRODUCTS_SHOWN}, by name); empty for a partner.`,
      resolve: (c) => c.enterprise?.products.map((p) => p.name) ?? [],
    }),
    offers: t.string({ nullable: true, description: "What a partner offers IKM, in words; null for an IKM.", resolve: (c) => c.partner?.offers ?? null }),
    website: t.string({ nullable: true, description: "A partner's web site.", resolve: (c) => c.partner?.website ?? null }),
  }),
});

const AgendaItemRef = builder.objectRef<AgendaItemShape>('AgendaItem').implement({
  description: "One meeting on a participant's agenda: when (local time of the forum), where, with whom.",
  fields: (t) => ({
    meeting: t.field({ type: MeetingRef, description: 'The meeting.', resolve: (i) => i.seat.meeting }),
    slot: t.field({ type: ForumSlotRef, description: 'The slot.', resolve: (i) => i.seat.meeting.slot }),
    table: t.field({ type: ForumTableRef, description: 'The table.', resolve: (i) => i.seat.meeting.table }),
    startsAt: t.field({ type: 'DateTime', description: 'When the meeting begins.', resolve: (i) => i.seat.meeting.slot.startsAt }),
    endsAt: t.field({ type: 'DateTime', description: 'When it ends.', resolve: (i) => i.seat.meeting.slot.endsAt }),
    localStartTime: t.string({ description: 'Begin in the forum\'s local time, HH:MM (e.g. 09:20 WIB).', resolve: (i) => localTime(i.seat.meeting.slot.startsAt, i.timeZone) }),
    localEndTime: t.string({ description: 'End in local time, HH:MM.', resolve: (i) => localTime(i.seat.meeting.slot.endsAt, i.timeZone) }),
    timeZone: t.string({ description: 'Abbreviation of the forum\'s time zone, e.g. WIB.', resolve: (i) => zoneAbbreviation(i.timeZone) }),
    tableName: t.string({ description: 'Name of the table, e.g. "Meja 3".', resolve: (i) => i.seat.meeting.table.name }),
    status: t.field({ type: MeetingStatusEnum, description: 'SCHEDULED, HELD, NO_SHOW or CANCELLED.', resolve: (i) => i.seat.meeting.status }),
    checkedIn: t.boolean({ description: 'True when this participant has checked in.', resolve: (i) => i.seat.checkedInAt !== null }),
    counterpart: t.field({ type: ForumParticipantRef, description: 'The participant across the table.', resolve: (i) => i.counterpart }),
    counterpartProfile: t.field({ type: CounterpartProfileRef, description: "The counterpart's profile in short.", resolve: (i) => i.counterpart }),
  }),
});

builder.prismaObjectField(ForumParticipantRef, 'agenda', (t) =>
  t.field({
    type: [AgendaItemRef],
    nullable: true,
    description:
      "The participant's meetings in time order, with local times, tables, counterparts and their profiles in short. Private: the Disperin staff of the forum's kabupaten/kota (its office's, or the provincial office's) and the participant's own people only; null for everyone else. Printable: see agendaUrl.",
    authScopes: (p: { enterpriseId: string | null; partnerId: string | null; sessionId: string }, _args: object, ctx: Context) => participantReadersOf(ctx, p),
    unauthorizedResolver: () => null,
    select: AGENDA_SELECT,
    resolve: (p) =>
      [...p.seats]
        .sort((a, b) => a.meeting.slot.index - b.meeting.slot.index)
        .map((seat) => ({
          seat,
          counterpart: seat.meeting.seats.find((s) => s.participantId !== p.id)?.participant ?? seat.meeting.seats[0]!.participant,
          timeZone: p.session.timeZone,
        })),
  }),
);

// --- The wall plan: every table × every slot ---

/** Statuses in which the wall plan is public: the plan hangs at the venue from publication to the end of the day. */
export const PUBLIC_WALL_PLAN_STATUSES = ['SCHEDULED', 'IN_PROGRESS'] as const;

const WALL_PLAN_SELECT = {
  status: true,
  timeZone: true,
  slots: { orderBy: { index: 'asc' } },
  tables: true,
  meetings: {
    where: { status: { not: 'CANCELLED' } },
    select: {
      slotId: true,
      tableId: true,
      status: true,
      seats: {
        orderBy: { id: 'asc' },
        select: { participant: { select: { enterprise: { select: { name: true } }, partner: { select: { name: true } } } } },
      },
    },
  },
} as const satisfies Prisma.MatchmakingSessionSelect;

type WallPlanParent = Prisma.MatchmakingSessionGetPayload<{ select: typeof WALL_PLAN_SELECT }>;
type SlotRow = WallPlanParent['slots'][number];
type TableRow = WallPlanParent['tables'][number];

interface WallPlanCellShape {
  table: TableRow;
  names: string[];
  status: WallPlanParent['meetings'][number]['status'] | null;
}

interface WallPlanRowShape {
  slot: SlotRow;
  label: string;
  cells: WallPlanCellShape[];
}

const WallPlanCellRef = builder.objectRef<WallPlanCellShape>('WallPlanCell').implement({
  description: 'One table in one slot of the wall plan.',
  fields: (t) => ({
    table: t.field({ type: ForumTableRef, description: 'The table.', resolve: (c) => c.table }),
    participantNames: t.stringList({ description: 'The two organisations meeting there; empty when the table is free.', resolve: (c) => c.names }),
    status: t.field({ type: MeetingStatusEnum, nullable: true, description: "The meeting's status; null when the table is free.", resolve: (c) => c.status }),
  }),
});

const WallPlanRowRef = builder.objectRef<WallPlanRowShape>('WallPlanRow').implement({
  description: 'One slot of the wall plan with a cell per table (none for a break).',
  fields: (t) => ({
    slot: t.field({ type: ForumSlotRef, description: 'The slot.', resolve: (r) => r.slot }),
    label: t.exposeString('label', { description: 'Local time span, e.g. "09:00–09:20 WIB".' }),
    isBreak: t.boolean({ description: 'True for a break.', resolve: (r) => r.slot.isBreak }),
    cells: t.field({ type: [WallPlanCellRef], description: 'A cell per table, in table order; empty for a break.', resolve: (r) => r.cells }),
  }),
});

const WallPlanRef = builder.objectRef<{ tables: TableRow[]; rows: WallPlanRowShape[] }>('WallPlan').implement({
  description: 'Who meets whom at which table and time: the grid printed for the wall at the venue. Organisation names only.',
  fields: (t) => ({
    tables: t.field({ type: [ForumTableRef], description: 'Tables in natural name order (the columns).', resolve: (p) => p.tables }),
    rows: t.field({ type: [WallPlanRowRef], description: 'Slots in time order (the rows).', resolve: (p) => p.rows }),
  }),
});

builder.prismaObjectField(ForumRef, 'wallPlan', (t) =>
  t.field({
    type: WallPlanRef,
    nullable: true,
    description:
      'The wall plan: every table × every slot with the organisations meeting there. Public while the forum is SCHEDULED or IN_PROGRESS (it hangs at the venue); the Disperin staff of the forum\'s kabupaten/kota (its office\'s, or the provincial office\'s) always; null otherwise. Printable: see wallPlanUrl.',
    authScopes: async (forum: { id: string; status: string }, _args: object, ctx: Context) =>
      (PUBLIC_WALL_PLAN_STATUSES as readonly string[]).includes(forum.status) || { staffOf: await forumRegency(ctx, forum.id) },
    unauthorizedResolver: () => null,
    select: WALL_PLAN_SELECT,
    resolve: (forum) => {
      const tables = [...forum.tables].sort((a, b) => naturalCompare(a.name, b.name) || a.id.localeCompare(b.id));
      const at = new Map(forum.meetings.map((m) => [`${m.slotId}|${m.tableId}`, m]));
      const zone = forum.timeZone;
      const rows = forum.slots.map((slot) => ({
        slot,
        label: `${localTime(slot.startsAt, zone)}–${localTime(slot.endsAt, zone)} ${zoneAbbreviation(zone)}`,
        cells: slot.isBreak
          ? []
          : tables.map((table) => {
              const m = at.get(`${slot.id}|${table.id}`);
              return {
                table,
                names: m ? m.seats.map((s) => s.participant.enterprise?.name ?? s.participant.partner?.name ?? '') : [],
                status: m?.status ?? null,
              };
            }),
      }));
      return { tables, rows };
    },
  }),
);
