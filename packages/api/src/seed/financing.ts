import type {
  ConsentScope,
  FinancingNeedStatus,
  FinancingPurpose,
  LeadStatus,
  Prisma,
} from '@temu-bisnis/schema/prisma';
import { JUTA } from '@temu-bisnis/schema/domain/money';
import { addDays, addMonths, between, dateOnly, minDate, REFERENCE_INSTANT } from './clock';
import type { EnterpriseProfile } from './enterprises';
import type { FinancingMeeting } from './forums';
import { secretId, stableId } from './ids';
import type { FinancingRequest } from './opportunities';
import type { PartnerProfile } from './partners';
import type { PeopleRows } from './people';
import { rupiah } from './quantities';
import { type Random, randomFor } from './random';

export interface FinancingRows {
  financingNeeds: Prisma.FinancingNeedCreateManyInput[];
  consents: Prisma.ConsentCreateManyInput[];
  consentRevocations: Prisma.ConsentRevocationCreateManyInput[];
  leadReviews: Prisma.LeadReviewCreateManyInput[];
  leadStatusChanges: Prisma.LeadStatusChangeCreateManyInput[];
  leadNotes: Prisma.LeadNoteCreateManyInput[];
}

interface Need {
  /** The public, unsalted key of the need: it seeds the need's random choices, so the demo data is the same under any secret. */
  key: string;
  row: Prisma.FinancingNeedCreateManyInput & { id: string; amount: bigint; createdAt: Date; status: FinancingNeedStatus };
  enterprise: EnterpriseProfile;
}

const COLLATERAL = ['Tanpa agunan (KUR Mikro)', 'BPKB sepeda motor', 'BPKB mobil niaga', 'Sertifikat tanah dan bangunan', 'Mesin produksi yang dibiayai', 'Tagihan (invoice) pembeli'];

/** The path a lead takes through a funder's pipeline; REJECTED branches off after review. */
const PIPELINE: LeadStatus[] = ['NEW', 'CONTACTED', 'IN_REVIEW', 'APPROVED', 'DISBURSED'];

const NOTE: Record<LeadStatus, string> = {
  NEW: 'Lead masuk dari Temu Bisnis; profil dan kebutuhan sudah dibaca.',
  CONTACTED: 'Sudah ditelepon pemilik, jadwal kunjungan usaha disepakati.',
  IN_REVIEW: 'Kunjungan usaha selesai; catatan penjualan 6 bulan sedang dianalisis.',
  APPROVED: 'Disetujui komite kredit; menunggu akad.',
  REJECTED: 'Ditolak: arus kas belum tercatat rutin. Disarankan pencatatan keuangan 6 bulan lalu mengajukan lagi.',
  DISBURSED: 'Akad selesai dan dana sudah dicairkan.',
};

/**
 * Financing needs (from financing requests, from forum meetings with funders, and for enterprises
 * whose owners sign in), the consents some enterprises gave to funders, one revoked, and the
 * funders' pipeline for the leads they may see.
 */
export function buildFinancing(
  secret: string,
  enterprises: readonly EnterpriseProfile[],
  partners: readonly PartnerProfile[],
  people: PeopleRows,
  requests: readonly FinancingRequest[],
  meetings: readonly FinancingMeeting[],
): FinancingRows {
  const out: FinancingRows = { financingNeeds: [], consents: [], consentRevocations: [], leadReviews: [], leadStatusChanges: [], leadNotes: [] };
  const needs: Need[] = [];
  const push = (enterprise: EnterpriseProfile, key: string, fields: Omit<Need['row'], 'id' | 'enterpriseId' | 'updatedAt' | 'collateral'>, rng: Random) => {
    const needKey = stableId('financing-need', `${enterprise.nib}:${key}`);
    const row = {
      ...fields,
      id: secretId(secret, 'financing-need', needKey),
      enterpriseId: enterprise.id,
      collateral: rng.pick(COLLATERAL),
      updatedAt: fields.createdAt,
    };
    needs.push({ key: needKey, row, enterprise });
  };

  for (const r of requests) {
    const rng = randomFor(`financing-need:${r.opportunityId}`);
    const status: FinancingNeedStatus = r.status === 'FULFILLED' ? 'FUNDED' : r.status === 'CLOSED' ? 'WITHDRAWN' : 'OPEN';
    push(r.enterprise, `opportunity:${r.opportunityId}`, { amount: r.amount, purpose: r.purpose, tenorMonths: r.tenorMonths, sourceOpportunityId: r.opportunityId, status, createdAt: r.createdAt }, rng);
  }
  for (const m of meetings) {
    const rng = randomFor(`financing-need:${m.meetingId}`);
    const ticket = m.funder.data.ticket ?? [10_000_000, 100_000_000];
    const amount = m.dealValue ?? rupiah(rng.logUniform(ticket[0], Math.min(ticket[1], ticket[0] * 10)), 5n * JUTA);
    const purpose = rng.weighted<FinancingPurpose>([['WORKING_CAPITAL', 65], ['INVESTMENT', 35]]);
    push(m.enterprise, `meeting:${m.meetingId}`, {
      amount,
      purpose,
      tenorMonths: purpose === 'INVESTMENT' ? 36 : 12,
      sourceMeetingId: m.meetingId,
      status: m.outcome === 'DEAL' ? 'FUNDED' : 'OPEN',
      createdAt: addDays(m.heldAt, rng.int(1, 14)),
    }, rng);
  }
  // Enterprises whose owners sign in get a need of their own, so the demo accounts have something to show.
  for (const enterprise of enterprises) {
    if (!people.ownerOf.has(enterprise.id) || needs.some((n) => n.enterprise.id === enterprise.id)) continue;
    const rng = randomFor(`financing-need:owner:${enterprise.nib}`);
    if (!rng.chance(0.6)) continue;
    const amount = rupiah(rng.logUniform(10e6, enterprise.size === 'MICRO' ? 100e6 : 750e6), 5n * JUTA);
    push(enterprise, 'owner', {
      amount,
      purpose: rng.weighted<FinancingPurpose>([['WORKING_CAPITAL', 60], ['INVESTMENT', 40]]),
      tenorMonths: rng.pick([12, 24, 36]),
      status: 'OPEN',
      createdAt: between(enterprise.createdAt, addDays(REFERENCE_INSTANT, -3), rng.next),
    }, rng);
  }

  // Consents: open needs of enterprises that chose a funder whose ticket fits, or every bank.
  const funders = partners.filter((p) => p.data.kind === 'FUNDER');
  const open = needs.filter((n) => n.row.status === 'OPEN').sort((a, b) => a.row.createdAt.getTime() - b.row.createdAt.getTime());
  let made = 0;
  for (const need of open) {
    const rng = randomFor(`consent:${need.key}`);
    if (!rng.chance(0.4)) continue;
    made += 1;
    const fitting = funders.filter((f) => f.data.ticket && BigInt(f.data.ticket[0]) <= need.row.amount && need.row.amount <= BigInt(f.data.ticket[1]));
    const withMembers = fitting.filter((f) => people.membersOf.has(f.id));
    const funder = made > 2 && rng.chance(0.15) ? null : rng.pick(withMembers.length > 0 && rng.chance(0.7) ? withMembers : fitting.length > 0 ? fitting : funders);
    const scopes: ConsentScope[] = ['PROFILE', 'FINANCIALS', 'NEEDS', ...(rng.chance(0.3) ? (['DOCUMENTS'] as const) : [])];
    const grantedAt = minDate(addDays(need.row.createdAt, rng.int(0, 10)), addDays(REFERENCE_INSTANT, -2));
    // The first consent (of the oldest open need) was given for 3 months only and has lapsed;
    // the second was revoked; the others run 12 months.
    const expiresAt = addMonths(grantedAt, made === 1 ? 3 : 12);
    const consentId = secretId(secret, 'consent', `${need.key}:${funder?.data.slug ?? 'BANK'}`);
    out.consents.push({
      id: consentId,
      enterpriseId: need.enterprise.id,
      funderId: funder?.id ?? null,
      funderType: funder ? null : 'BANK',
      scopes,
      grantedAt,
      expiresAt,
      grantedById: people.ownerOf.get(need.enterprise.id)?.id ?? null,
    });
    const revoked = made === 2;
    if (revoked) {
      out.consentRevocations.push({
        id: secretId(secret, 'consent-revocation', consentId),
        consentId,
        revokedAt: minDate(addDays(grantedAt, 30), addDays(REFERENCE_INSTANT, -1)),
        revokedById: people.ownerOf.get(need.enterprise.id)?.id ?? null,
        reason: 'Sudah mendapat pembiayaan dari lembaga lain.',
      });
    }
    if (funder && !revoked && expiresAt > REFERENCE_INSTANT) reviewLead(secret, out, rng, need, funder, people, grantedAt);
  }

  out.financingNeeds = needs.map((n) => n.row);
  return out;
}

/** One funder's pipeline for a lead it may see, with its status history and a note. */
function reviewLead(secret: string, out: FinancingRows, rng: Random, need: Need, funder: PartnerProfile, people: PeopleRows, from: Date): void {
  const members = people.membersOf.get(funder.id) ?? [];
  const analyst = members.find((m) => m.role === 'ANALYST') ?? members[0];
  const reviewId = secretId(secret, 'lead-review', `${need.key}:${funder.data.slug}`);
  const final = rng.weighted<LeadStatus>([['NEW', 25], ['CONTACTED', 25], ['IN_REVIEW', 20], ['APPROVED', 10], ['REJECTED', 10], ['DISBURSED', 10]]);
  const path: LeadStatus[] = final === 'REJECTED' ? ['NEW', 'CONTACTED', 'IN_REVIEW', 'REJECTED'] : PIPELINE.slice(0, PIPELINE.indexOf(final) + 1);
  let at = addDays(from, 1);
  let previous: LeadStatus | null = null;
  path.forEach((status, i) => {
    if (i > 0) at = minDate(addDays(at, rng.int(2, 7)), addDays(REFERENCE_INSTANT, -1));
    out.leadStatusChanges.push({
      id: secretId(secret, 'lead-status-change', `${reviewId}#${i + 1}`),
      reviewId,
      fromStatus: previous,
      toStatus: status,
      note: i === 0 ? 'Lead dibuat dari persetujuan (consent) IKM.' : '',
      byUserId: i === 0 ? null : (analyst?.id ?? null),
      at,
    });
    previous = status;
  });
  const status = path[path.length - 1]!;
  out.leadReviews.push({
    id: reviewId,
    financingNeedId: need.row.id,
    funderId: funder.id,
    status,
    rejectionReason: status === 'REJECTED' ? 'Arus kas belum tercatat rutin (kurang dari 6 bulan pencatatan).' : null,
    disbursedAmount: status === 'DISBURSED' ? need.row.amount : null,
    disbursedOn: status === 'DISBURSED' ? dateOnly(at) : null,
    assignedToId: analyst?.id ?? null,
    createdAt: addDays(from, 1),
    updatedAt: at,
  });
  out.leadNotes.push({
    id: secretId(secret, 'lead-note', `${reviewId}#1`),
    reviewId,
    authorId: analyst?.id ?? null,
    body: NOTE[status],
    createdAt: at,
  });
  if (status === 'DISBURSED') {
    need.row.status = 'FUNDED';
    need.row.updatedAt = at;
  }
}
