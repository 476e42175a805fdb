import { builder } from '../builder';
import {
  BookkeepingPractice,
  CertificationKind,
  ConsentScope,
  CreditAmountBand,
  CreditFacilityKind,
  CurrentCredit,
  FigureSource,
  LenderType,
  FinancingNeedStatus,
  FinancingPurpose,
  FunderType,
  KbliVersion,
  LeadStatus,
  OpportunityKind,
  PartnerKind,
  ProgramStage,
  RecordStatus,
  Sector,
} from '../generated/prisma/enums';
import {
  FollowUpStage,
  ForumStatus,
  MeetingOutcome,
  MeetingRequestStatus,
  MeetingStatus,
  PairingRule,
} from '../generated/prisma/enums';
import { formatRupiah } from '../domain/money';
import { CEILINGS, type SizeClass, type SizeClassBasis } from '../domain/size-class';

export const SectorEnum = builder.enumType(Sector, {
  name: 'Sector',
  description: 'Manufacturing sector of an IKM, after the KBLI 2020 category C (industri pengolahan) groups.',
});

export const ProgramStageEnum = builder.enumType(ProgramStage, {
  name: 'ProgramStage',
  description:
    'Stage of a Sentra IKM in the Disperin empowerment programme (pemberdayaan): IDENTIFIED, FORMING, EMPOWERMENT, DEVELOPING, INDEPENDENT.',
});

export const RecordStatusEnum = builder.enumType(RecordStatus, {
  name: 'RecordStatus',
  description: 'Lifecycle of a registry record: ACTIVE, or ARCHIVED (kept for history, hidden from default lists).',
});

export const CertificationKindEnum = builder.enumType(CertificationKind, {
  name: 'CertificationKind',
  description:
    'A certification an IKM can hold: HALAL (sertifikat halal), SNI (Standar Nasional Indonesia), PIRT (Pangan Industri Rumah Tangga), BPOM (Badan Pengawas Obat dan Makanan registration), ISO_9001, ISO_22000, HACCP, SVLK (Sistem Verifikasi Legalitas Kayu), BATIKMARK, GREEN_INDUSTRY (Standar Industri Hijau).',
});

export const PartnerKindEnum = builder.enumType(PartnerKind, {
  name: 'PartnerKind',
  description:
    'Kind of partner organisation: BUYER (offtaker, retailer, exporter), SUPPLIER (raw materials, packaging), DISTRIBUTOR, or FUNDER (see FunderType).',
});

export const FunderTypeEnum = builder.enumType(FunderType, {
  name: 'FunderType',
  description:
    'Subtype of a funder: BANK (bank umum), BPR (Bank Perekonomian Rakyat), KOPERASI (cooperative), FINTECH (licensed lending platform), VENTURE (modal ventura), GOVERNMENT_PROGRAM (e.g. a city or ministry programme).',
});

export const OpportunityKindEnum = builder.enumType(OpportunityKind, {
  name: 'OpportunityKind',
  description:
    'Kind of marketplace opportunity. Posted by partners: BUY_REQUEST, SUPPLY_OFFER, DISTRIBUTION_OFFER, FINANCING_OFFER. Posted by IKM: SELL_OFFER, SUPPLY_REQUEST, DISTRIBUTION_REQUEST, FINANCING_REQUEST. Every opportunity is public: an IKM posting a FINANCING_REQUEST chooses to be named as seeking that financing. Its anonymised financing lead is never linked to it (no shared ID, date, exact amount or order), and the lead\'s need, figures and contacts still need the IKM\'s consent.',
});

// --- Enterprise (IKM) module ---

export const BookkeepingPracticeEnum = builder.enumType(BookkeepingPractice, {
  name: 'BookkeepingPractice',
  description:
    'How an IKM keeps its books (pembukuan): NONE, MANUAL_NOTES (handwritten notes), SPREADSHEET, ACCOUNTING_APP, AUDITED_STATEMENTS (audited financial statements).',
});

export const CurrentCreditEnum = builder.enumType(CurrentCredit, {
  name: 'CurrentCredit',
  description:
    "Credit an IKM currently holds: NONE, KUR (Kredit Usaha Rakyat, the government-subsidised people's business credit), COMMERCIAL_PRODUCTIVE (commercial working-capital or investment loan), CONSUMER (consumer credit).",
});

export const FigureSourceEnum = builder.enumType(FigureSource, {
  name: 'FigureSource',
  description:
    "Where a yearly figure comes from, weakest evidence first: SELF_DECLARED (the owner's word), BOOKKEEPING (the IKM's own books), TAX_RETURN (the annual tax return, SPT Tahunan, which KUR lenders validate turnover against), DISPERIN_SURVEY (collected by Disperin's survey officers).",
});

export const CreditFacilityKindEnum = builder.enumType(CreditFacilityKind, {
  name: 'CreditFacilityKind',
  description:
    "Kind of a credit facility: KUR (Kredit Usaha Rakyat), COMMERCIAL (a bank's commercial working-capital or investment loan), COOPERATIVE (a loan from a koperasi), CONSUMER (consumer credit such as KPR or a vehicle loan), FINTECH (a peer-to-peer or online lender), OTHER.",
});

export const LenderTypeEnum = builder.enumType(LenderType, {
  name: 'LenderType',
  description:
    'Who lends: STATE_BANK (bank BUMN, e.g. BRI, Mandiri, BNI), PRIVATE_BANK (bank swasta), REGIONAL_BANK (Bank Pembangunan Daerah, e.g. Bank Jateng), BPR (Bank Perekonomian Rakyat), KOPERASI (cooperative), FINTECH, PAWNSHOP (Pegadaian), OTHER.',
});

export const CreditAmountBandEnum = builder.enumType(CreditAmountBand, {
  name: 'CreditAmountBand',
  description:
    'Plafond band of a credit facility, without the exact amount: UP_TO_10_JUTA, UP_TO_100_JUTA, UP_TO_500_JUTA (the KUR Super Mikro, Mikro and Kecil ceilings), UP_TO_2_MILIAR, ABOVE_2_MILIAR.',
});

export const KbliVersionEnum = builder.enumType(KbliVersion, {
  name: 'KbliVersion',
  description:
    'Edition of KBLI (Klasifikasi Baku Lapangan Usaha Indonesia, the Indonesian business classification): KBLI_2020 (Peraturan BPS 2/2020) or KBLI_2025 (Peraturan BPS 7/2025).',
});

/** "at most Rp2.000.000.000" / "above Rp2.000.000.000 and at most Rp15.000.000.000", from the domain ceilings. */
function sizeRange(sizeClass: SizeClass, basis: SizeClassBasis): string {
  const ceilings = CEILINGS[basis];
  const index = sizeClass === 'LARGE' ? ceilings.length : ceilings.findIndex((c) => c.sizeClass === sizeClass);
  const floor = ceilings[index - 1]?.max;
  const ceiling = ceilings[index]?.max;
  return [floor !== undefined ? `above ${formatRupiah(floor)}` : null, ceiling !== undefined ? `at most ${formatRupiah(ceiling)}` : null]
    .filter(Boolean)
    .join(' and ');
}

function sizeClassValue(sizeClass: SizeClass, name: string) {
  return {
    description: `${name}: annual sales ${sizeRange(sizeClass, 'ANNUAL_SALES')}, or without a sales year business capital ${sizeRange(sizeClass, 'BUSINESS_CAPITAL')}.`,
  };
}

export const SizeClassEnum = builder.enumType('SizeClass', {
  description:
    'Business size class under PP 7/2021 art. 35 (usaha mikro, kecil, menengah), derived from annual sales (hasil penjualan tahunan) or, for a business without a sales year, from business capital excluding land and buildings (modal usaha).',
  values: {
    MICRO: sizeClassValue('MICRO', 'Usaha mikro (micro enterprise)'),
    SMALL: sizeClassValue('SMALL', 'Usaha kecil (small enterprise)'),
    MEDIUM: sizeClassValue('MEDIUM', 'Usaha menengah (medium enterprise)'),
    LARGE: sizeClassValue('LARGE', 'Usaha besar (large enterprise), not an IKM'),
  } satisfies Record<SizeClass, { description: string }>,
});

// --- Financing leads and consent module ---

export const ConsentScopeEnum = builder.enumType(ConsentScope, {
  name: 'ConsentScope',
  description:
    'What an IKM lets a funder read under a consent: PROFILE (who the enterprise behind a lead is, and its contact persons\' phone and e-mail), FINANCIALS (turnover, capital, bookkeeping, financial statements, current credit, NPWP, and the KUR readiness assessment computed from them), NEEDS (its financing needs: exact amount, tenor, collateral), DOCUMENTS (uploaded documents; reserved, none are stored yet).',
});

export const FinancingPurposeEnum = builder.enumType(FinancingPurpose, {
  name: 'FinancingPurpose',
  description:
    'What the money is for: WORKING_CAPITAL (modal kerja: raw materials, stock, wages), INVESTMENT (investasi: machines, equipment, premises), EXPORT (pembiayaan ekspor: financing an export order).',
});

export const FinancingNeedStatusEnum = builder.enumType(FinancingNeedStatus, {
  name: 'FinancingNeedStatus',
  description:
    'Lifecycle of a financing need: OPEN (a lead funders can see), WITHDRAWN (the enterprise no longer seeks it), FUNDED (a funder recorded the disbursement).',
});

export const LeadStatusEnum = builder.enumType(LeadStatus, {
  name: 'LeadStatus',
  description:
    "Where a lead stands in one funder's own pipeline: NEW → CONTACTED → IN_REVIEW → APPROVED or REJECTED; APPROVED → DISBURSED. A lead the funder has not touched is NEW. Each funder has its own pipeline; no funder sees another's.",
});

// --- Temu Bisnis forums module ---

export const ForumStatusEnum = builder.enumType(ForumStatus, {
  name: 'ForumStatus',
  description:
    'Lifecycle of a Temu Bisnis forum: DRAFT (being prepared, visible to Disperin staff only) → REGISTRATION_OPEN (IKM and partners register and request meetings) → SCHEDULING (registration closed, staff build the schedule) → SCHEDULED (agendas published) → IN_PROGRESS (the forum day: check-in, outcomes) → COMPLETED; CANCELLED from any status before COMPLETED.',
});

export const PairingRuleEnum = builder.enumType(PairingRule, {
  name: 'PairingRule',
  description:
    'Who may meet whom at a forum: ENTERPRISE_PARTNER_ONLY (every meeting pairs an IKM with a partner organisation, the usual Temu Bisnis format) or ANY (also IKM with IKM and partner with partner).',
});

export const MeetingRequestStatusEnum = builder.enumType(MeetingRequestStatus, {
  name: 'MeetingRequestStatus',
  description:
    'Where a meeting request stands: PENDING (waiting for the recipient), ACCEPTED (a meeting is booked or waits for the scheduler), DECLINED, CANCELLED (withdrawn), EXPIRED (not answered before expiresAt; derived when read, so a pending request past its expiry is shown EXPIRED and can no longer be accepted).',
});

export const MeetingStatusEnum = builder.enumType(MeetingStatus, {
  name: 'MeetingStatus',
  description:
    'A meeting: SCHEDULED (booked at a slot and table), HELD (it took place: both sides checked in or an outcome was recorded), NO_SHOW (a side did not come), CANCELLED (the forum was cancelled).',
});

export const MeetingOutcomeEnum = builder.enumType(MeetingOutcome, {
  name: 'MeetingOutcome',
  description:
    'What a meeting led to: DEAL (an agreement, with its value in rupiah: an order, a supply or distribution contract, or financing), FOLLOW_UP (they will talk further), NO_INTEREST.',
});

export const FollowUpStageEnum = builder.enumType(FollowUpStage, {
  name: 'FollowUpStage',
  description:
    'Where a forum meeting stands months later: NEGOTIATION_STARTED, CONTRACT_SIGNED, FIRST_ORDER_DELIVERED, FINANCING_APPLIED (the IKM applied for financing with the funder), NO_PROGRESS.',
});
