import { readFileSync } from 'node:fs';
import type {
  CertificationKind,
  FinancingPurpose,
  ForumStatus,
  FunderType,
  MembershipRole,
  PartnerKind,
  ProgramStage,
  Sector,
  UserRole,
} from '@temu-bisnis/schema/prisma';
import { prismaDir } from '../db/paths';

/**
 * The static reference data under prisma/seed-data/*.json, typed. The files hold facts and demo
 * vocabulary (kecamatan codes, sentra, product lines, partners, forums); the generators in this
 * folder turn them into rows.
 */
export const seedDataDir = `${prismaDir}seed-data/`;

export type SizeClassName = 'MICRO' | 'SMALL' | 'MEDIUM';

export interface DistrictData {
  code: string;
  name: string;
  kelurahan: string[];
}

/** A kabupaten/kota of Jawa Tengah with its kecamatan as [code, name] (regions-jawa-tengah.json). */
export interface RegencyData {
  code: string;
  name: string;
  districts: [code: string, name: string][];
}

/** Demo IKM of one kabupaten outside Kota Semarang (demak.json). */
export interface OutsideData {
  regency: { code: string; name: string };
  enterprises: number;
  districts: DistrictData[];
}

export interface SentraData {
  slug: string;
  name: string;
  landmark: string;
  district: string;
  kelurahan: string;
  street: string;
  sector: Sector;
  line: string;
  members: number;
  programStage: ProgramStage;
  flagshipProducts: string[];
  description: string;
}

export interface ProductData {
  name: string;
  category: string;
  unit: string;
  capacity: [number, number];
  price: [number, number];
}

export interface InputData {
  category: string;
  name: string;
  unit: string;
  quantity: [number, number];
}

export interface CertificationRule {
  kind: CertificationKind;
  p: number;
  sizes?: SizeClassName[];
}

export interface ProductLine {
  id: string;
  sector: Sector;
  label: string;
  kbli: string[];
  /** Codes an enterprise of this line may register as primary; default the first of kbli. */
  primaryKbli?: string[];
  nameStems: string[];
  independentWeight: number;
  certifications: CertificationRule[];
  products: ProductData[];
  inputs: InputData[];
}

export interface Catalogue {
  kbliTitles: Record<string, string>;
  lines: ProductLine[];
  categoryLabels: Record<string, string>;
}

export interface NamesData {
  people: { male: string[]; female: string[]; family: { male: string[]; female: string[]; any: string[] } };
  honorifics: { male: string[]; female: string[] };
  businessWords: string[];
  legalForms: Record<SizeClassName, string[]>;
  streetSuffixes: string[];
  /** Contact roles: the owner of a sole proprietorship, the director of a CV or PT, other staff. */
  roles: { owner: string; director: string; enterpriseSecondary: string[] };
  emailDomains: string[];
  mobilePrefixes: string[];
  landlinePrefix: string;
}

export interface FinancingProgramme {
  name: string;
  min: number;
  max: number;
  tenorMonths: number;
  purpose: FinancingPurpose;
}

export interface PartnerData {
  slug: string;
  name: string;
  kind: PartnerKind;
  funderType?: FunderType;
  district: string | null;
  description: string;
  offers: string;
  sectors: Sector[];
  kbliPrefixes: string[];
  productCategories: string[];
  districtCodes: string[];
  volume?: [number, number];
  ticket?: [number, number];
  requiredCertifications?: CertificationKind[];
  programmes?: FinancingProgramme[];
}

export type ScheduleBlock = { start: string; meetings: number } | { start: string; breakMinutes: number };

export interface ForumData {
  slug: string;
  title: string;
  venue: string;
  address: string;
  district: string;
  date: string;
  status: ForumStatus;
  meetingMinutes: number;
  requestTtlHours: number;
  registrationOpensAt: string;
  registrationClosesAt: string;
  tables: number;
  schedule: ScheduleBlock[];
  participants: { enterprises: number; partners: number };
  requestsPerEnterprise: [number, number];
  requestsPerPartner: [number, number];
}

export interface ForumsData {
  forums: ForumData[];
  requestMessages: { enterpriseToPartner: string[]; partnerToEnterprise: string[] };
  feedback: { high: string[]; mid: string[]; low: string[] };
  followUpNotes: Record<string, string>;
}

export interface PeopleData {
  /** Disperin offices; regency is the Kemendagri code of the kabupaten/kota served, null for the provincial Dinas. */
  offices: { name: string; regency: string | null }[];
  /** Staff, each of the office serving `regency` (null: the provincial office). */
  staff: { email: string; name: string; role: UserRole; regency: string | null }[];
  enterpriseOwnerEvery: number;
  partnerMembers: { partner: string; role: MembershipRole }[];
  partnerContactRoles: Record<PartnerKind, string[]>;
}

export interface ReferenceData {
  /** Every kabupaten/kota and kecamatan of Jawa Tengah. */
  regencies: RegencyData[];
  /** The 16 kecamatan of Kota Semarang with kelurahan, where the demo registry lives. */
  districts: DistrictData[];
  outside: OutsideData;
  sentra: SentraData[];
  catalogue: Catalogue;
  names: NamesData;
  partners: PartnerData[];
  forums: ForumsData;
  people: PeopleData;
}

function read<T>(file: string): T {
  return JSON.parse(readFileSync(`${seedDataDir}${file}`, 'utf8')) as T;
}

let cached: ReferenceData | undefined;

export function loadReferenceData(): ReferenceData {
  cached ??= {
    regencies: read<{ regencies: RegencyData[] }>('regions-jawa-tengah.json').regencies,
    districts: read<{ districts: DistrictData[] }>('districts.json').districts,
    outside: read<OutsideData>('demak.json'),
    sentra: read<{ sentra: SentraData[] }>('sentra.json').sentra,
    catalogue: read<Catalogue>('catalogue.json'),
    names: read<NamesData>('names.json'),
    partners: read<{ partners: PartnerData[] }>('partners.json').partners,
    forums: read<ForumsData>('forums.json'),
    people: read<PeopleData>('people.json'),
  };
  return cached;
}

/** The product line by id; a typo in the JSON fails loudly here rather than producing empty data. */
export function lineById(catalogue: Catalogue, id: string): ProductLine {
  const line = catalogue.lines.find((l) => l.id === id);
  if (!line) throw new Error(`seed data: unknown product line "${id}"`);
  return line;
}

/** The first product or input of any line in this category: its unit, price and sector. */
export function categoryInfo(
  catalogue: Catalogue,
  category: string,
): { line: ProductLine; unit: string; price: [number, number] | null; label: string } {
  for (const line of catalogue.lines) {
    const product = line.products.find((p) => p.category === category);
    if (product) return { line, unit: product.unit, price: product.price, label: labelOf(catalogue, category) };
  }
  for (const line of catalogue.lines) {
    const input = line.inputs.find((i) => i.category === category);
    if (input) return { line, unit: input.unit, price: null, label: labelOf(catalogue, category) };
  }
  throw new Error(`seed data: unknown product category "${category}"`);
}

/** The largest monthly capacity of a micro IKM for products of this category (0 for raw materials). */
export function typicalCapacity(catalogue: Catalogue, category: string): number {
  return Math.max(0, ...catalogue.lines.flatMap((l) => l.products.filter((p) => p.category === category).map((p) => p.capacity[1])));
}

export function labelOf(catalogue: Catalogue, category: string): string {
  return catalogue.categoryLabels[category] ?? category.replace(/-/g, ' ');
}
