/**
 * Plain inputs and outputs of the matching model. Its enums are the string unions Prisma generates
 * from prisma/schema.prisma, imported as types only: the GraphQL layer loads rows and maps them to
 * these shapes.
 */

// Type-only: the generated enum unions, erased at run time, so the model still loads no Prisma code.
import type {
  BookkeepingPractice,
  CertificationKind,
  FunderType,
  MeetingOutcome,
  OpportunityKind,
  PartnerKind,
  Sector,
} from '../../generated/prisma/enums';

export type { BookkeepingPractice, CertificationKind, FunderType, MeetingOutcome, OpportunityKind, PartnerKind, Sector };

/**
 * The part the other side plays for the IKM. A partner plays its kind; an opportunity plays the
 * role its kind implies (see `roleOfOpportunity`). Weights and components are chosen per role.
 */
export type CounterpartRole = PartnerKind;

/** An IKM as the scorer sees it. */
export type EnterpriseProfile = {
  id: string;
  sector: Sector;
  /** 5-digit KBLI codes from its NIB; the primary one leads the reasons. */
  kbliCodes: readonly { code: string; isPrimary: boolean }[];
  products: readonly { category: string; monthlyCapacity: number; unit: string }[];
  /** Kemendagri code of its kecamatan, e.g. 33.74.12, and the kecamatan's name for reasons. */
  districtCode: string;
  districtName: string;
  sentra: { id: string; name: string } | null;
  /** expiresOn null: no expiry recorded. A certificate expired before `asOf` is not held. */
  certifications: readonly { kind: CertificationKind; expiresOn: Date | null }[];
  /** Inputs of the size class under PP 7/2021 (see domain/size-class.ts). */
  annualTurnover: bigint | null;
  businessCapital: bigint | null;
  bookkeeping: BookkeepingPractice;
  foundedOn: Date;
  /** Amount of its open financing need (FinancingNeed with status OPEN), if any. */
  financingNeed: bigint | null;
};

/** A partner organisation: what it seeks from IKM (buyer, distributor, funder) or supplies to them. */
export type CounterpartProfile = {
  id: string;
  kind: PartnerKind;
  funderType: FunderType | null;
  /** Sectors, KBLI prefixes (2–5 digits) and product categories of the IKM it seeks or serves. */
  sectors: readonly Sector[];
  kbliPrefixes: readonly string[];
  /** For buyers and distributors: IKM products sought. For suppliers: what the supplier sells. */
  productCategories: readonly string[];
  /** Its own kecamatan (office), if in Kota Semarang. */
  districtCode: string | null;
  /** Kecamatan it serves; empty means the whole city. */
  districtCodes: readonly string[];
  /** Kabupaten/kota it serves, by Kemendagri code; empty means all of Jawa Tengah. A hard limit, not a score. */
  regencyCodes: readonly string[];
  /** Monthly volume in units it takes (buyers, distributors) or sells (suppliers). */
  volumeMin: number | null;
  volumeMax: number | null;
  /** Financing ticket range in rupiah (funders). */
  ticketMin: bigint | null;
  ticketMax: bigint | null;
  /**
   * Certifications it requires of an IKM. The seed lists them for buyers (partners.json) but the
   * Partner model has no column yet, so the GraphQL layer passes [] until one exists.
   */
  requiredCertifications: readonly CertificationKind[];
};

/** An opportunity on the marketplace, with where its poster sits. */
export type OpportunityProfile = {
  id: string;
  kind: OpportunityKind;
  sector: Sector | null;
  /**
   * KBLI prefixes it concerns: the IKM sought or served for partner posts and supply requests; the
   * goods on offer for a sell offer.
   */
  kbliPrefixes: readonly string[];
  productCategory: string | null;
  quantity: number | null;
  unit: string | null;
  amountMin: bigint | null;
  amountMax: bigint | null;
  districtCodes: readonly string[];
  requiredCertifications: readonly CertificationKind[];
  poster: { enterpriseId: string | null; districtCode: string | null; sentraId: string | null };
};

/** Meeting outcomes recorded at earlier Temu Bisnis forums. */
export type OutcomeCounts = Readonly<Record<MeetingOutcome, number>>;

/**
 * Earlier outcomes for a pair. `pair`: meetings between this IKM and this counterpart (for an
 * opportunity, its poster). `similar`: meetings between another IKM of the same sector and another
 * counterpart of the same role; this pair's own meetings are not in it.
 */
export type PairHistory = { pair: OutcomeCounts; similar: OutcomeCounts };

export type Factor =
  | 'SECTOR'
  | 'SUPPLY_CHAIN'
  | 'PRODUCT'
  | 'CAPACITY'
  | 'DISTRICT'
  | 'CERTIFICATION'
  | 'TICKET_SIZE'
  | 'READINESS'
  | 'FEEDBACK';

/** What a component function finds: how well the pair fits on one factor, and why. */
export type Evaluation = { factor: Factor; value: number; reason: string };

/** One line of an explained score: `points` = weight × value × 100, rounded so the lines add up. */
export type MatchComponent = Evaluation & { weight: number; points: number };

/** A scored candidate: `id` is the enterprise or partner being ranked. */
export type Match = { id: string; score: number; components: MatchComponent[] };
