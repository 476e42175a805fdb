import { API_KEY_PREFIX, hashSecret, newSecret, visiblePrefix } from '@temu-bisnis/schema/auth/secrets';
import { searchText } from '@temu-bisnis/schema/domain/search';
import { globalId } from './support/ids';
import type { TestServer } from './support/server';

/**
 * Fixtures of the financing tests: enterprises with exact figures, their needs and consents
 * written straight into the database, and sign-ins of the seeded funder, distributor and staff users.
 */

export const DAY_MS = 86_400_000;
export const JUTA = 1_000_000n;

/** Today in Semarang (WIB, UTC+7) as a UTC-midnight date, shifted by whole months and days. */
export function semarangDate({ months = 0, days = 0 }: { months?: number; days?: number } = {}): Date {
  const wib = new Date(Date.now() + 7 * 3_600_000);
  const y = wib.getUTCFullYear();
  const m = wib.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = new Date(Date.UTC(y, m, Math.min(wib.getUTCDate(), last)));
  return new Date(d.getTime() + days * DAY_MS);
}

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);

let counter = 0;
function unique(): string {
  counter += 1;
  return `${String(Date.now()).slice(-6)}${String(process.pid % 100).padStart(2, '0')}${String(counter).padStart(3, '0')}`;
}

export interface EnterpriseSpec {
  name?: string;
  districtCode?: string;
  sector?: 'BATIK' | 'FOOD_BEVERAGE' | 'METAL' | 'CRAFT';
  kbli?: string;
  foundedOn?: Date;
  npwp?: string | null;
  annualTurnover?: bigint | null;
  businessCapital?: bigint | null;
  bookkeeping?: 'NONE' | 'MANUAL_NOTES' | 'SPREADSHEET' | 'ACCOUNTING_APP' | 'AUDITED_STATEMENTS';
  hasFinancialStatements?: boolean;
  currentCredit?: 'NONE' | 'KUR' | 'COMMERCIAL_PRODUCTIVE' | 'CONSUMER';
  contact?: { name: string; phone: string; email: string };
  sentraSlug?: string;
}

/** An enterprise with exactly these figures; by default one that passes every KUR rule for Rp75 juta. */
export async function createEnterprise(api: TestServer, spec: EnterpriseSpec = {}): Promise<string> {
  const district = await api.db.prisma.district.findUniqueOrThrow({ where: { code: spec.districtCode ?? '33.74.12' } });
  const sentra = spec.sentraSlug ? await api.db.prisma.sentra.findUniqueOrThrow({ where: { slug: spec.sentraSlug } }) : null;
  const name = spec.name ?? `IKM Uji Pembiayaan ${unique()}`;
  const annualTurnover = spec.annualTurnover === undefined ? 1_000n * JUTA : spec.annualTurnover;
  // The readiness rule reads the previous year's turnover from the history (Semarang's calendar year).
  const previousYear = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear() - 1;
  const e = await api.db.prisma.enterprise.create({
    data: {
      nib: `96${unique()}`.slice(0, 13).padEnd(13, '0'),
      npwp: spec.npwp === undefined ? '0123456789012345' : spec.npwp,
      name,
      description: 'Fixture of the financing tests.',
      sector: spec.sector ?? 'BATIK',
      districtId: district.id,
      sentraId: sentra?.id ?? null,
      address: 'Jl. Uji Pembiayaan No. 1',
      foundedOn: spec.foundedOn ?? new Date('2019-03-01T00:00:00.000Z'),
      employees: 7,
      annualTurnover,
      yearFigures: annualTurnover === null ? undefined : { create: [{ year: previousYear, turnover: annualTurnover, source: 'BOOKKEEPING' }] },
      businessCapital: spec.businessCapital === undefined ? 300n * JUTA : spec.businessCapital,
      bookkeeping: spec.bookkeeping ?? 'SPREADSHEET',
      hasFinancialStatements: spec.hasFinancialStatements ?? false,
      currentCredit: spec.currentCredit ?? 'NONE',
      searchText: searchText(name),
      kbliCodes: { create: [{ code: spec.kbli ?? '13134', version: 'KBLI_2020', isPrimary: true }] },
      contacts: spec.contact ? { create: [{ ...spec.contact, role: 'Pemilik', isPrimary: true }] } : undefined,
    },
  });
  return e.id;
}

export async function createNeed(
  api: TestServer,
  enterpriseId: string,
  { amount = 75n * JUTA, purpose = 'WORKING_CAPITAL', status = 'OPEN', createdAt = new Date() }: {
    amount?: bigint;
    purpose?: 'WORKING_CAPITAL' | 'INVESTMENT' | 'EXPORT';
    status?: 'OPEN' | 'WITHDRAWN' | 'FUNDED';
    createdAt?: Date;
  } = {},
): Promise<string> {
  const need = await api.db.prisma.financingNeed.create({
    data: { enterpriseId, amount, purpose, tenorMonths: 24, collateral: 'BPKB mobil niaga', status, createdAt },
  });
  return need.id;
}

export async function partnerId(api: TestServer, slug: string): Promise<string> {
  return (await api.db.prisma.partner.findUniqueOrThrow({ where: { slug } })).id;
}

/** A consent row written directly (for expiry and funder-type tests); consentGrant is tested over HTTP. */
export async function insertConsent(
  api: TestServer,
  enterpriseId: string,
  {
    funderSlug,
    funderType,
    scopes = ['PROFILE', 'FINANCIALS', 'NEEDS'],
    grantedAt = new Date(Date.now() - 30 * DAY_MS),
    expiresAt = new Date(Date.now() + 300 * DAY_MS),
  }: {
    funderSlug?: string;
    funderType?: 'BANK' | 'BPR' | 'KOPERASI' | 'FINTECH' | 'VENTURE' | 'GOVERNMENT_PROGRAM';
    scopes?: ('PROFILE' | 'FINANCIALS' | 'NEEDS' | 'DOCUMENTS')[];
    grantedAt?: Date;
    expiresAt?: Date;
  },
): Promise<string> {
  const consent = await api.db.prisma.consent.create({
    data: {
      enterpriseId,
      funderId: funderSlug ? await partnerId(api, funderSlug) : null,
      funderType: funderSlug ? null : (funderType ?? null),
      scopes,
      grantedAt,
      expiresAt,
    },
  });
  return consent.id;
}

/** Sign-in headers of the n-th seeded member of a partner organisation. */
export async function memberOf(api: TestServer, slug: string, n = 0): Promise<{ headers: Record<string, string>; userId: string }> {
  const members = await api.db.prisma.organisationMembership.findMany({
    where: { partner: { slug } },
    include: { user: true },
    orderBy: { id: 'asc' },
  });
  const m = members[n];
  if (!m) throw new Error(`seed: partner ${slug} has no member #${n}`);
  return { headers: await api.as(m.user.email), userId: m.userId };
}

/** A new person who owns the enterprise, signed in. */
export async function ownerOf(api: TestServer, enterpriseId: string): Promise<{ headers: Record<string, string>; userId: string }> {
  const email = `pemilik.${unique()}@ikm-uji.example`;
  const user = await api.db.prisma.user.create({
    data: { email, name: 'Pemilik Uji', role: 'ENTERPRISE', memberships: { create: [{ enterpriseId, role: 'OWNER' }] } },
  });
  return { headers: await api.as(email), userId: user.id };
}

/** An API key of a partner with these scopes, created by its first member, as an Authorization header. */
export async function apiKeyOf(api: TestServer, slug: string, scopes: string[]): Promise<Record<string, string>> {
  const secret = newSecret(API_KEY_PREFIX);
  const creator = await api.db.prisma.organisationMembership.findFirstOrThrow({ where: { partner: { slug } }, orderBy: { id: 'asc' } });
  await api.db.prisma.apiKey.create({
    data: {
      partnerId: creator.partnerId!,
      name: 'test key',
      prefix: visiblePrefix(secret),
      hash: hashSecret(secret),
      scopes,
      createdById: creator.userId,
    },
  });
  return { authorization: `Bearer ${secret}` };
}

export const STAFF_EMAIL = 'petugas.ikm@disperin.semarangkota.go.id';
export const BRI = 'bri-unit-peterongan-kur';
export const BANK_JATENG = 'bank-jateng-kur-mitra';
export const BPR = 'bpr-arta-kencana';
export const DISTRIBUTOR = 'distribusi-pangan-jateng';

export const enterpriseGid = (id: string) => globalId('Enterprise', id);
export const leadGid = (needId: string) => globalId('FinancingLead', needId);
export const needGid = (needId: string) => globalId('FinancingNeed', needId);
