import { meetingCounterparts } from '../auth/counterparts';
import { readsAsOwnPeople } from '../auth/region';
import { builder } from '../builder';
import type { Context } from '../context';
import {
  BookkeepingPracticeEnum,
  CertificationKindEnum,
  CurrentCreditEnum,
  KbliVersionEnum,
  RecordStatusEnum,
  SectorEnum,
  SizeClassEnum,
} from '../common/enums';
import { businessAgeMonths } from '../domain/business-age';
import { kbliGroup, MANUFACTURING_GROUPS } from '../domain/kbli';
import { publicSizeClassReason, semarangToday, sizeClassOf } from './size';
import { consentNote, privateFieldAuth } from './visibility';

type EnterpriseShape = { id: string };
type ContactShape = { enterpriseId: string | null };

/** Financial fields and NPWP: funders read them under consent with scope FINANCIALS (audited). */
const enterprisePrivate = (field: string) => privateFieldAuth<EnterpriseShape>((e) => e.id, 'FINANCIALS', field);
/**
 * Contact details: staff, the enterprise's members, funders under a PROFILE consent, and the
 * counterpart of an accepted meeting request with this enterprise.
 */
const contactPrivate = (field: string) => {
  const { authScopes, unauthorizedResolver } = privateFieldAuth<ContactShape>((c) => c.enterpriseId, 'PROFILE', field);
  return {
    unauthorizedResolver,
    authScopes: async (contact: ContactShape, args: object, ctx: Context) =>
      (await authScopes(contact, args, ctx)) ||
      (contact.enterpriseId !== null && (await meetingCounterparts(ctx)).enterpriseIds.has(contact.enterpriseId)),
  };
};

export const EnterpriseProductRef = builder.prismaNode('EnterpriseProduct', {
  description: 'A product an IKM makes, with the quantity it can make in a month.',
  id: { field: 'id' },
  nullable: true,
  select: { id: true },
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Product name, e.g. "Kain batik tulis motif Semarangan".' }),
    category: t.exposeString('category', {
      description: 'Product category slug shared with partners and opportunities, e.g. "batik-tulis", "olahan-ikan".',
    }),
    monthlyCapacity: t.exposeInt('monthlyCapacity', {
      description: 'How many units the IKM can make in a month (kapasitas produksi per bulan).',
    }),
    unit: t.exposeString('unit', { description: 'Unit of the capacity and price, e.g. pcs, kg, lembar (sheet of cloth).' }),
    unitPrice: t.expose('unitPrice', {
      type: 'Money',
      nullable: true,
      description: 'Indicative price per unit in rupiah; null when the IKM has not stated one.',
    }),
    enterprise: t.relation('enterprise', { description: 'The IKM that makes the product.' }),
  }),
});

builder.prismaObject('EnterpriseKbli', {
  description: 'A KBLI (Klasifikasi Baku Lapangan Usaha Indonesia) business activity an IKM is registered under in its NIB.',
  fields: (t) => ({
    code: t.exposeString('code', { description: '5-digit KBLI code (kelompok), e.g. 13134 for batik.' }),
    version: t.expose('version', { type: KbliVersionEnum, description: 'KBLI edition the code belongs to.' }),
    isPrimary: t.exposeBoolean('isPrimary', { description: 'True for the main business activity (KBLI utama).' }),
    group: t.string({
      description: 'The golongan pokok (2-digit division) of the code, e.g. "13" for textiles.',
      resolve: (k) => kbliGroup(k.code),
    }),
    groupName: t.string({
      nullable: true,
      description:
        'English name of the golongan pokok (ISIC division), e.g. "Textiles"; null outside manufacturing (10–33).',
      resolve: (k) => MANUFACTURING_GROUPS[kbliGroup(k.code)]?.en ?? null,
    }),
    groupNameIndonesian: t.string({
      nullable: true,
      description: 'Indonesian name of the golongan pokok in KBLI 2020, e.g. "Industri tekstil".',
      resolve: (k) => MANUFACTURING_GROUPS[kbliGroup(k.code)]?.id ?? null,
    }),
  }),
});

builder.prismaObject('Certification', {
  description: 'A certification an IKM holds, e.g. a halal certificate or an SNI mark.',
  fields: (t) => ({
    kind: t.expose('kind', { type: CertificationKindEnum, description: 'What is certified.' }),
    number: t.exposeString('number', { description: 'Certificate number as printed; empty when not recorded.' }),
    issuedOn: t.expose('issuedOn', { type: 'Date', nullable: true, description: 'Date of issue.' }),
    expiresOn: t.expose('expiresOn', {
      type: 'Date',
      nullable: true,
      description: 'Last day of validity; null for a certificate without an expiry date.',
    }),
    isValid: t.boolean({
      description: "True unless the certificate expired before today's date in Semarang (WIB).",
      resolve: (c, _args, ctx) => c.expiresOn === null || c.expiresOn >= semarangToday(ctx.now),
    }),
  }),
});

/** A variant of the Contact model (the partner module has its own), with the enterprise's visibility rule. */
const COUNTERPART_NOTE = 'Also visible to an organisation with an accepted meeting request with this enterprise.';

export const EnterpriseContactRef = builder.prismaObject('Contact', {
  variant: 'EnterpriseContact',
  description: 'A contact person of an IKM. Name and role are public; phone and e-mail are private.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Full name of the person.' }),
    role: t.exposeString('role', { description: 'Role in the business, e.g. Pemilik (owner), Bagian pemasaran.' }),
    isPrimary: t.exposeBoolean('isPrimary', { description: 'True for the main contact person.' }),
    phone: t.exposeString('phone', {
      nullable: true,
      description: `Phone number in E.164 form, e.g. +6281234567890. ${consentNote('PROFILE')} ${COUNTERPART_NOTE}`,
      ...contactPrivate('contacts.phone'),
    }),
    email: t.exposeString('email', {
      nullable: true,
      description: `E-mail address. ${consentNote('PROFILE')} ${COUNTERPART_NOTE}`,
      ...contactPrivate('contacts.email'),
    }),
  }),
});

/** The figures the size class is derived from (PP 7/2021 art. 35). */
const SIZE_FIGURES = { annualTurnover: true, businessCapital: true } as const;

export const EnterpriseRef = builder.prismaNode('Enterprise', {
  description:
    'An IKM (Industri Kecil dan Menengah): a small or medium manufacturing enterprise of Jawa Tengah in the Disperin registry. The public profile is open to everyone; financial data, NPWP and contact details are private.',
  id: { field: 'id' },
  nullable: true,
  // Select mode: a request reads only the columns its fields ask for (fields computed from columns name them in `select`).
  select: { id: true },
  fields: (t) => ({
    nib: t.exposeString('nib', {
      description: 'NIB (Nomor Induk Berusaha): the 13-digit business identity number issued by the OSS system.',
    }),
    name: t.exposeString('name', { description: 'Business name.' }),
    description: t.exposeString('description', { description: 'What the IKM makes and sells.' }),
    sector: t.expose('sector', { type: SectorEnum, description: 'Manufacturing sector.' }),
    sentra: t.relation('sentra', {
      nullable: true,
      description: 'The Sentra IKM (industry cluster) the enterprise belongs to; null for an independent IKM.',
    }),
    district: t.relation('district', { description: 'The kecamatan (district) where the enterprise works.' }),
    address: t.exposeString('address', { description: 'Street address of the workshop or shop.' }),
    foundedOn: t.expose('foundedOn', { type: 'Date', description: 'Date the business was founded.' }),
    businessAgeMonths: t.int({
      description:
        "Whole months since the business was founded, as of today's date in Semarang (WIB). Funders ask for at least 6.",
      select: { foundedOn: true },
      resolve: (e, _args, ctx) => businessAgeMonths(e.foundedOn, semarangToday(ctx.now)),
    }),
    employees: t.exposeInt('employees', { description: 'Number of workers (tenaga kerja), the owner included.' }),
    sizeClass: t.field({
      type: SizeClassEnum,
      nullable: true,
      description:
        'Size class under PP 7/2021 art. 35, from annual sales or, without a sales year, business capital; null when neither is recorded. Public, although the figures are private.',
      select: SIZE_FIGURES,
      resolve: (e) => sizeClassOf(e).sizeClass,
    }),
    sizeClassReason: t.string({
      description:
        "Why the enterprise has its size class. Its members and the staff of its kabupaten/kota's Disperin office or the provincial office see the figures; everyone else sees the rule without the amounts.",
      select: SIZE_FIGURES,
      resolve: async (e, _args, ctx) => {
        const result = sizeClassOf(e);
        return (await readsAsOwnPeople(ctx, e.id)) ? result.reason : publicSizeClassReason(result);
      },
    }),
    products: t.relation('products', {
      description: 'Products the IKM makes, by name.',
      query: { orderBy: [{ name: 'asc' }, { id: 'asc' }] },
    }),
    kbliCodes: t.relation('kbliCodes', {
      description: 'KBLI business activities registered in the NIB, the primary one first.',
      query: { orderBy: [{ isPrimary: 'desc' }, { code: 'asc' }, { version: 'asc' }] },
    }),
    certifications: t.relation('certifications', {
      description: 'Certifications held (Halal, SNI, PIRT, BPOM, ISO 9001…), by kind.',
      query: { orderBy: [{ kind: 'asc' }] },
    }),
    contacts: t.relation('contacts', {
      type: EnterpriseContactRef,
      description: 'Contact persons, the primary one first. Phone and e-mail are private.',
      query: { orderBy: [{ isPrimary: 'desc' }, { name: 'asc' }, { id: 'asc' }] },
    }),
    status: t.expose('status', {
      type: RecordStatusEnum,
      description: 'ACTIVE, or ARCHIVED when Disperin has closed the record (hidden from lists by default).',
    }),
    isDemo: t.exposeBoolean('isDemo', { description: 'True for demonstration data from the seed.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the record was created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the record last changed.' }),

    // Private fields: null unless privateFieldAuth (enterprise/visibility.ts) allows the caller: staff, members, or a funder under consent.
    npwp: t.exposeString('npwp', {
      nullable: true,
      description: `NPWP (Nomor Pokok Wajib Pajak, tax number), 16 digits. ${consentNote('FINANCIALS')}`,
      ...enterprisePrivate('npwp'),
    }),
    annualTurnover: t.expose('annualTurnover', {
      type: 'Money',
      nullable: true,
      description: `Annual sales (omzet) in rupiah; null also when no sales year is recorded. ${consentNote('FINANCIALS')}`,
      ...enterprisePrivate('annualTurnover'),
    }),
    businessCapital: t.expose('businessCapital', {
      type: 'Money',
      nullable: true,
      description: `Business capital excluding land and buildings (modal usaha), in rupiah. ${consentNote('FINANCIALS')}`,
      ...enterprisePrivate('businessCapital'),
    }),
    bookkeeping: t.expose('bookkeeping', {
      type: BookkeepingPracticeEnum,
      nullable: true,
      description: `How the IKM keeps its books. ${consentNote('FINANCIALS')}`,
      ...enterprisePrivate('bookkeeping'),
    }),
    hasFinancialStatements: t.exposeBoolean('hasFinancialStatements', {
      nullable: true,
      description: `True when the IKM produces financial statements (laporan keuangan). ${consentNote('FINANCIALS')}`,
      ...enterprisePrivate('hasFinancialStatements'),
    }),
    currentCredit: t.expose('currentCredit', {
      type: CurrentCreditEnum,
      nullable: true,
      description: `Credit the IKM currently holds. ${consentNote('FINANCIALS')}`,
      ...enterprisePrivate('currentCredit'),
    }),
  }),
});
