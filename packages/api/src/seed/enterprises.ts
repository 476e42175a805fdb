import type {
  BookkeepingPractice,
  CertificationKind,
  CurrentCredit,
  Prisma,
} from '@temu-bisnis/schema/prisma';
import { JUTA, MILIAR } from '@temu-bisnis/schema/domain/money';
import { enterpriseSearchText } from '@temu-bisnis/schema/domain/search';
import { addDays, addMonths, between, dateOnly, daysBetween, maxDate, minDate, REFERENCE_INSTANT } from './clock';
import { districtByCode, districtId, REGISTRY_OPENED_AT } from './districts';
import { certificateNumber, CERTIFICATION_VALIDITY_YEARS, makeNib, npwpForEntity, npwpFromNik } from './identifiers';
import { stableId } from './ids';
import { emailLocalPart, landlinePhone, makePerson, mobilePhone, type Person } from './persons';
import { niceQuantity, roundTo, rupiah } from './quantities';
import { type Random, randomFor } from './random';
import {
  lineById,
  type ProductLine,
  type DistrictData,
  type ReferenceData,
  type SentraData,
  type SizeClassName,
} from './reference-data';
import { sentraId } from './sentra';

/** How many IKM of Kota Semarang outside any sentra: together with the sentra members, 336 enterprises. */
export const INDEPENDENT_ENTERPRISES = 73;

/** What later generators (opportunities, forums, financing, users) need to know of an enterprise. */
export interface EnterpriseProfile {
  id: string;
  nib: string;
  name: string;
  line: ProductLine;
  size: SizeClassName;
  districtCode: string;
  sentraSlug: string | null;
  owner: Person;
  ownerEmail: string;
  foundedOn: Date;
  createdAt: Date;
  /** Founded less than a year before the reference date: no sales year yet. */
  isNew: boolean;
  employees: number;
  annualTurnover: bigint | null;
  businessCapital: bigint;
  bookkeeping: BookkeepingPractice;
  currentCredit: CurrentCredit;
  products: { name: string; category: string; unit: string; monthlyCapacity: number; unitPrice: number | null }[];
  kbli: string[];
  certifications: CertificationKind[];
}

export interface EnterpriseRows {
  profiles: EnterpriseProfile[];
  enterprises: Prisma.EnterpriseCreateManyInput[];
  enterpriseProducts: Prisma.EnterpriseProductCreateManyInput[];
  enterpriseKbli: Prisma.EnterpriseKbliCreateManyInput[];
  certifications: Prisma.CertificationCreateManyInput[];
  contacts: Prisma.ContactCreateManyInput[];
}

/** Sales (omzet) and capital ranges inside each PP 7/2021 class, with a margin from the ceilings. */
const MONEY_RANGES: Record<SizeClassName, { capital: [bigint, bigint]; turnover: [bigint, bigint] }> = {
  MICRO: { capital: [5n * JUTA, 950n * JUTA], turnover: [36n * JUTA, 1_950n * JUTA] },
  SMALL: { capital: [1_050n * JUTA, 4_900n * JUTA], turnover: [2_100n * JUTA, 14_500n * JUTA] },
  MEDIUM: { capital: [5_200n * JUTA, 9_800n * JUTA], turnover: [15_500n * JUTA, 48n * MILIAR] },
};

const EMPLOYEES: Record<SizeClassName, [number, number]> = { MICRO: [1, 9], SMALL: [5, 29], MEDIUM: [20, 99] };
const CAPACITY_SCALE: Record<SizeClassName, [number, number]> = { MICRO: [1, 1], SMALL: [3, 6], MEDIUM: [10, 25] };
/** Oldest founding, in years before the reference date. */
const MAX_AGE_YEARS: Record<SizeClassName, number> = { MICRO: 24, SMALL: 28, MEDIUM: 31.9 };
const MIN_AGE_YEARS: Record<SizeClassName, number> = { MICRO: 1, SMALL: 2, MEDIUM: 6 };

const BOOKKEEPING: Record<SizeClassName, [BookkeepingPractice, number][]> = {
  MICRO: [['NONE', 30], ['MANUAL_NOTES', 45], ['SPREADSHEET', 15], ['ACCOUNTING_APP', 10]],
  SMALL: [['MANUAL_NOTES', 20], ['SPREADSHEET', 40], ['ACCOUNTING_APP', 35], ['AUDITED_STATEMENTS', 5]],
  MEDIUM: [['SPREADSHEET', 10], ['ACCOUNTING_APP', 50], ['AUDITED_STATEMENTS', 40]],
};

const CREDIT: Record<SizeClassName, [CurrentCredit, number][]> = {
  MICRO: [['NONE', 60], ['KUR', 28], ['CONSUMER', 10], ['COMMERCIAL_PRODUCTIVE', 2]],
  SMALL: [['NONE', 40], ['KUR', 35], ['COMMERCIAL_PRODUCTIVE', 20], ['CONSUMER', 5]],
  MEDIUM: [['NONE', 30], ['KUR', 10], ['COMMERCIAL_PRODUCTIVE', 60]],
};

interface Slot {
  key: string;
  sentra: SentraData | null;
  /** Where an independent IKM may be: its kecamatan and their kabupaten/kota's name. */
  area: { districts: readonly DistrictData[]; regencyName: string };
}

/**
 * One slot per sentra member (sentra.json "members"), then the independent IKM of Kota Semarang,
 * then the few of Kabupaten Demak (demak.json), last so that every Semarang IKM stays as it was.
 */
function enterpriseSlots(data: ReferenceData): Slot[] {
  const semarang = { districts: data.districts, regencyName: 'Kota Semarang' };
  const outside = { districts: data.outside.districts, regencyName: data.outside.regency.name };
  const slots: Slot[] = [];
  for (const sentra of data.sentra) {
    for (let i = 0; i < sentra.members; i += 1) slots.push({ key: `${sentra.slug}#${i + 1}`, sentra, area: semarang });
  }
  for (let i = 0; i < INDEPENDENT_ENTERPRISES; i += 1) slots.push({ key: `independent#${i + 1}`, sentra: null, area: semarang });
  for (let i = 0; i < data.outside.enterprises; i += 1) {
    slots.push({ key: `${data.outside.regency.code}#${i + 1}`, sentra: null, area: outside });
  }
  return slots;
}

export function buildEnterprises(data: ReferenceData): EnterpriseRows {
  const out: EnterpriseRows = {
    profiles: [],
    enterprises: [],
    enterpriseProducts: [],
    enterpriseKbli: [],
    certifications: [],
    contacts: [],
  };
  const taken = { nib: new Set<string>(), npwp: new Set<string>(), email: new Set<string>(), name: new Set<string>() };
  const independentLines = data.catalogue.lines
    .filter((l) => l.independentWeight > 0)
    .map((l) => [l, l.independentWeight] as const);

  for (const slot of enterpriseSlots(data)) {
    const rng = randomFor(`enterprise:${slot.key}`);
    const line = slot.sentra ? lineById(data.catalogue, slot.sentra.line) : rng.weighted(independentLines);
    const districtCode = slot.sentra?.district ?? rng.pick(slot.area.districts).code;
    const district = districtByCode(slot.area.districts, districtCode);
    const kelurahan = slot.sentra?.kelurahan ?? rng.pick(district.kelurahan);
    const size = rng.weighted<SizeClassName>([['MICRO', 66], ['SMALL', 25], ['MEDIUM', 9]]);

    const isNew = rng.chance(0.035);
    const ageDays = isNew
      ? rng.int(20, 330)
      : Math.round(rng.logUniform(MIN_AGE_YEARS[size] * 365.25, MAX_AGE_YEARS[size] * 365.25));
    const foundedOn = dateOnly(addDays(REFERENCE_INSTANT, -ageDays));

    const nib = unique(taken.nib, () => makeNib(rng, foundedOn.getUTCFullYear()));
    const id = stableId('enterprise', nib);
    const owner = makePerson(rng, data.names);
    const legalForm = rng.pick(data.names.legalForms[size]);
    const name = unique(taken.name, () => businessName(rng, line, legalForm, owner, data), (n) => `${n} ${kelurahan}`);

    const { businessCapital, annualTurnover, employees, bookkeeping, hasFinancialStatements, currentCredit } = drawFinances(rng, size, isNew);

    const npwp = rng.chance(npwpMissingChance(size, isNew, legalForm))
      ? null
      : unique(taken.npwp, () =>
          legalForm === 'CV' || legalForm === 'PT'
            ? npwpForEntity(rng)
            : npwpFromNik(rng, districtCode, ownerBirthDate(rng, foundedOn), owner.gender === 'female'),
        );

    const createdAt =
      foundedOn > REGISTRY_OPENED_AT
        ? addDays(foundedOn, rng.int(1, Math.min(14, Math.max(1, daysBetween(foundedOn, REFERENCE_INSTANT) - 1))))
        : between(REGISTRY_OPENED_AT, addDays(REFERENCE_INSTANT, -30), rng.next);
    const updatedAt = minDate(addDays(createdAt, rng.int(0, 90)), addDays(REFERENCE_INSTANT, -1));

    // Products, KBLI and certifications.
    const products = pickProducts(rng, line, size);
    const kbli = pickKbli(rng, line);
    const certifications = pickCertifications(rng, line, size, isNew);

    const sentence = slot.sentra
      ? `Anggota ${slot.sentra.name}.`
      : `IKM di Kelurahan ${kelurahan}, Kecamatan ${district.name}.`;
    const description = `${line.label}: ${products.map((p) => p.name.toLowerCase()).join(', ')}. ${sentence} Berdiri ${foundedOn.getUTCFullYear()}, ${employees} tenaga kerja.`;
    const street = slot.sentra?.street ?? `Jl. ${kelurahan} ${rng.pick(data.names.streetSuffixes)}`;
    const address = `${street} No. ${rng.int(1, 120)}, RT ${pad2(rng.int(1, 12))}/RW ${pad2(rng.int(1, 9))}, Kel. ${kelurahan}, Kec. ${district.name}, ${slot.area.regencyName}`;

    out.enterprises.push({
      id,
      nib,
      npwp,
      name,
      description,
      sector: line.sector,
      sentraId: slot.sentra ? sentraId(slot.sentra.slug) : null,
      districtId: districtId(districtCode),
      address,
      foundedOn,
      employees,
      annualTurnover,
      businessCapital,
      bookkeeping,
      hasFinancialStatements,
      currentCredit,
      status: 'ACTIVE',
      isDemo: true,
      searchText: enterpriseSearchText({ name, description }, products, slot.sentra?.name),
      createdAt,
      updatedAt,
    });
    products.forEach((p, i) => {
      out.enterpriseProducts.push({
        id: stableId('enterprise-product', `${nib}#${i + 1}`),
        enterpriseId: id,
        name: p.name,
        category: p.category,
        monthlyCapacity: p.monthlyCapacity,
        unit: p.unit,
        unitPrice: p.unitPrice === null ? null : BigInt(p.unitPrice),
        createdAt,
      });
    });
    kbli.forEach((code, i) => {
      out.enterpriseKbli.push({
        id: stableId('enterprise-kbli', `${nib}:${code}`),
        enterpriseId: id,
        code,
        version: 'KBLI_2020',
        isPrimary: i === 0,
      });
    });
    for (const kind of certifications) {
      const issuedOn = dateOnly(between(maxDate(addDays(foundedOn, 60), new Date('2015-01-01T00:00:00Z')), addDays(REFERENCE_INSTANT, -20), rng.next));
      const years = CERTIFICATION_VALIDITY_YEARS[kind];
      out.certifications.push({
        id: stableId('certification', `${nib}:${kind}`),
        enterpriseId: id,
        kind,
        number: certificateNumber(rng, kind, issuedOn.getUTCFullYear()),
        issuedOn,
        expiresOn: years === null ? null : addMonths(issuedOn, years * 12),
      });
    }

    // Contacts: the owner, sometimes a second person; at least one phone each.
    const domain = rng.pick(data.names.emailDomains);
    const ownerEmail = unique(taken.email, () => `${emailLocalPart(owner)}${rng.chance(0.5) ? rng.int(1, 99) : ''}@${domain}`);
    out.contacts.push({
      id: stableId('contact', `enterprise:${nib}#1`),
      enterpriseId: id,
      name: owner.fullName,
      role: legalForm === 'CV' || legalForm === 'PT' ? data.names.roles.director : data.names.roles.owner,
      phone: mobilePhone(rng, data.names),
      email: ownerEmail,
      isPrimary: true,
    });
    if (rng.chance(size === 'MICRO' ? 0.3 : 0.6)) {
      const staff = makePerson(rng, data.names);
      out.contacts.push({
        id: stableId('contact', `enterprise:${nib}#2`),
        enterpriseId: id,
        name: staff.fullName,
        role: rng.pick(data.names.roles.enterpriseSecondary),
        phone: size !== 'MICRO' && rng.chance(0.5) ? landlinePhone(rng, data.names) : mobilePhone(rng, data.names),
        email: rng.chance(0.5) ? unique(taken.email, () => `${emailLocalPart(staff)}${rng.chance(0.5) ? rng.int(1, 99) : ''}@${domain}`) : null,
        isPrimary: false,
      });
    }

    out.profiles.push({
      id,
      nib,
      name,
      line,
      size,
      districtCode,
      sentraSlug: slot.sentra?.slug ?? null,
      owner,
      ownerEmail,
      foundedOn,
      createdAt,
      isNew,
      employees,
      annualTurnover,
      businessCapital,
      bookkeeping,
      currentCredit,
      products,
      kbli,
      certifications,
    });
  }
  return out;
}

/** Capital and sales inside the size class (no sales year when new), staff, books and credit. */
function drawFinances(rng: Random, size: SizeClassName, isNew: boolean) {
  const money = MONEY_RANGES[size];
  const u = rng.next(); // capital and sales move together
  const businessCapital = rupiah(logLerp(money.capital, jitter(rng, u)), 500_000n);
  const annualTurnover = isNew ? null : rupiah(logLerp(money.turnover, jitter(rng, u)), JUTA);
  const employees = Math.round(rng.logUniform(EMPLOYEES[size][0], EMPLOYEES[size][1] + 0.99) - 0.49);
  const bookkeeping = rng.weighted(BOOKKEEPING[size]);
  const hasFinancialStatements =
    bookkeeping === 'AUDITED_STATEMENTS' || bookkeeping === 'ACCOUNTING_APP' || (bookkeeping === 'SPREADSHEET' && rng.chance(0.4));
  const currentCredit: CurrentCredit = isNew ? 'NONE' : rng.weighted(CREDIT[size]);
  return { businessCapital, annualTurnover, employees, bookkeeping, hasFinancialStatements, currentCredit };
}

function businessName(rng: Random, line: ProductLine, legalForm: string, owner: Person, data: ReferenceData): string {
  const stem = rng.pick(line.nameStems);
  const [w1, w2] = rng.sample(data.names.businessWords, 2) as [string, string];
  if (legalForm === 'CV' || legalForm === 'PT') return `${legalForm} ${w1} ${w2}${rng.chance(0.6) ? ` ${stem}` : ''}`;
  if (legalForm === 'UD') return `UD ${w1} ${w2}`;
  return rng.chance(0.55) ? `${stem} ${owner.calledAs}` : `${stem} ${w1}${rng.chance(0.4) ? ` ${w2}` : ''}`;
}

function pickProducts(rng: Random, line: ProductLine, size: SizeClassName): EnterpriseProfile['products'] {
  const count = Math.min(line.products.length, rng.weighted([[1, 30], [2, 35], [3, 25], [4, 10]]));
  const [first, ...rest] = line.products;
  const chosen = rng.chance(0.7) ? [first!, ...rng.sample(rest, count - 1)] : rng.sample(line.products, count);
  const [scaleMin, scaleMax] = CAPACITY_SCALE[size];
  return chosen.map((p) => {
    const raw = rng.int(p.capacity[0], p.capacity[1]) * (scaleMin + rng.next() * (scaleMax - scaleMin));
    const price = rng.int(p.price[0], p.price[1]);
    return {
      name: p.name,
      category: p.category,
      unit: p.unit,
      monthlyCapacity: niceQuantity(raw),
      unitPrice: rng.chance(0.85) ? roundTo(price, price < 20_000 ? 500 : price < 1_000_000 ? 1_000 : 50_000) : null,
    };
  });
}

function pickKbli(rng: Random, line: ProductLine): string[] {
  const primary = rng.pick(line.primaryKbli ?? [line.kbli[0]!]);
  const others = line.kbli.filter((c) => c !== primary);
  const extra = rng.weighted([[0, 45], [1, 40], [2, 15]]);
  return [primary, ...rng.sample(others, extra)];
}

function pickCertifications(rng: Random, line: ProductLine, size: SizeClassName, isNew: boolean): CertificationKind[] {
  return line.certifications
    .filter((rule) => !rule.sizes || rule.sizes.includes(size))
    .filter((rule) => rng.chance(isNew ? rule.p * 0.4 : rule.p))
    .map((rule) => rule.kind);
}

function npwpMissingChance(size: SizeClassName, isNew: boolean, legalForm: string): number {
  if (legalForm === 'CV' || legalForm === 'PT') return 0;
  if (isNew) return 0.4;
  return size === 'MICRO' ? 0.18 : 0.04;
}

/** An owner at least 18 when the business was founded, born 1958–2001. */
function ownerBirthDate(rng: Random, foundedOn: Date): Date {
  const latest = Math.min(2001, foundedOn.getUTCFullYear() - 18);
  const year = rng.int(Math.min(1958, latest), latest);
  return new Date(Date.UTC(year, rng.int(0, 11), rng.int(1, 28)));
}

/** Redraws until the value is new; `fallback` disambiguates after a few tries. */
function unique(seen: Set<string>, draw: () => string, fallback?: (value: string) => string): string {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const value = draw();
    if (!seen.has(value)) {
      seen.add(value);
      return value;
    }
    if (fallback && attempt >= 2) {
      const alt = fallback(value);
      if (!seen.has(alt)) {
        seen.add(alt);
        return alt;
      }
    }
  }
  throw new Error('seed: could not draw a unique value');
}

function jitter(rng: Random, u: number): number {
  return Math.min(1, Math.max(0, u + (rng.next() - 0.5) * 0.3));
}

function logLerp([min, max]: [bigint, bigint], t: number): number {
  return Math.exp(Math.log(Number(min)) + t * (Math.log(Number(max)) - Math.log(Number(min))));
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
