import { builder } from '../builder';
import {
  BookkeepingPracticeEnum,
  CertificationKindEnum,
  CurrentCreditEnum,
  KbliVersionEnum,
  SectorEnum,
} from '../common/enums';
import { LIMITS } from './validate';

export const EnterpriseKbliInput = builder.inputType('EnterpriseKbliInput', {
  description: 'A KBLI business activity registered in the NIB.',
  fields: (t) => ({
    code: t.string({ required: true, description: '5-digit KBLI code in manufacturing (golongan pokok 10–33), e.g. "13134".' }),
    version: t.field({ type: KbliVersionEnum, required: true, description: 'KBLI edition of the code.' }),
    isPrimary: t.boolean({ defaultValue: false, description: 'The main activity; exactly one code in a list is primary.' }),
  }),
});

export const CertificationInput = builder.inputType('CertificationInput', {
  description: 'A certification the IKM holds; one per kind.',
  fields: (t) => ({
    kind: t.field({ type: CertificationKindEnum, required: true, description: 'What is certified.' }),
    number: t.string({ description: `Certificate number as printed, at most ${LIMITS.certificationNumber} characters.` }),
    issuedOn: t.field({ type: 'Date', description: 'Date of issue; not in the future.' }),
    expiresOn: t.field({ type: 'Date', description: 'Last day of validity; not before the date of issue.' }),
  }),
});

export const ContactInput = builder.inputType('EnterpriseContactInput', {
  description: 'A contact person of the IKM.',
  fields: (t) => ({
    name: t.string({ required: true, description: `Full name, at most ${LIMITS.contactName} characters.` }),
    role: t.string({ description: 'Role in the business, e.g. Pemilik (owner).' }),
    phone: t.string({
      description: 'Indonesian phone number, e.g. 0812-3456-7890, 024 7654321 or +62 812…; stored in E.164 form (+62…).',
    }),
    email: t.string({ description: 'E-mail address.' }),
    isPrimary: t.boolean({ defaultValue: false, description: 'The main contact; at most one.' }),
  }),
});

export const EnterpriseProductInput = builder.inputType('EnterpriseProductInput', {
  description: 'A product the IKM makes.',
  fields: (t) => ({
    name: t.string({ required: true, description: `Product name, at most ${LIMITS.productName} characters.` }),
    category: t.string({
      required: true,
      description: 'Category slug of lower-case letters, digits and dashes, shared with partners, e.g. "batik-tulis".',
    }),
    monthlyCapacity: t.int({ required: true, description: 'Units the IKM can make in a month, 0 or more.' }),
    unit: t.string({ required: true, description: 'Unit of capacity and price, e.g. pcs, kg, lembar.' }),
    unitPrice: t.field({ type: 'Money', description: 'Indicative price per unit in rupiah.' }),
  }),
});

export const EnterpriseCreateInput = builder.inputType('EnterpriseCreateInput', {
  description: 'A new IKM for the registry, as a Disperin officer records it.',
  fields: (t) => ({
    nib: t.string({ required: true, description: 'NIB (Nomor Induk Berusaha), 13 digits; unique in the registry.' }),
    npwp: t.string({
      description: 'NPWP (Nomor Pokok Wajib Pajak): 16 digits, or the old 15 digits (plain or 01.234.567.8-901.000), stored as 16.',
    }),
    name: t.string({ required: true, description: `Business name, at most ${LIMITS.name} characters.` }),
    description: t.string({ description: `What the IKM makes and sells, at most ${LIMITS.description} characters.` }),
    sector: t.field({ type: SectorEnum, required: true, description: 'Manufacturing sector.' }),
    sentraId: t.id({ description: 'Global ID of the Sentra IKM the enterprise belongs to, if any.' }),
    districtCode: t.string({ required: true, description: 'Kemendagri code of the kecamatan, e.g. "33.74.12".' }),
    address: t.string({ required: true, description: `Street address, at most ${LIMITS.address} characters.` }),
    foundedOn: t.field({ type: 'Date', required: true, description: 'Founding date; not in the future.' }),
    employees: t.int({ required: true, description: `Number of workers, the owner included, 1 to ${LIMITS.employees}.` }),
    annualTurnover: t.field({ type: 'Money', description: 'Annual sales (omzet) in rupiah; omit for a business without a sales year.' }),
    businessCapital: t.field({ type: 'Money', description: 'Business capital excluding land and buildings, in rupiah.' }),
    bookkeeping: t.field({ type: BookkeepingPracticeEnum, required: true, description: 'How the IKM keeps its books.' }),
    hasFinancialStatements: t.boolean({ required: true, description: 'Whether the IKM produces financial statements.' }),
    currentCredit: t.field({ type: CurrentCreditEnum, required: true, description: 'Credit the IKM currently holds.' }),
    kbliCodes: t.field({
      type: [EnterpriseKbliInput],
      required: true,
      description: `KBLI activities of the NIB: 1 to ${LIMITS.kbliCodes}, exactly one primary.`,
    }),
    certifications: t.field({
      type: [CertificationInput],
      description: `Certifications held, one per kind, at most ${LIMITS.certifications}.`,
    }),
    contacts: t.field({ type: [ContactInput], description: `Contact persons, at most ${LIMITS.contacts}.` }),
    products: t.field({ type: [EnterpriseProductInput], description: `Products, at most ${LIMITS.products}.` }),
  }),
});

export const EnterpriseUpdateInput = builder.inputType('EnterpriseUpdateInput', {
  description:
    'Changes to an IKM profile. Omitted fields stay as they are. For npwp, sentraId, annualTurnover and businessCapital an explicit null clears the value; for required values null is an error. A given list (kbliCodes, certifications, contacts) replaces the whole list; omit it to keep the list.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the enterprise.' }),
    nib: t.string({ description: 'A corrected NIB (13 digits). Disperin staff only.' }),
    npwp: t.string({ description: 'NPWP, 15 or 16 digits; null or empty clears it.' }),
    name: t.string({ description: `Business name, at most ${LIMITS.name} characters.` }),
    description: t.string({ description: `Description, at most ${LIMITS.description} characters.` }),
    sector: t.field({ type: SectorEnum, description: 'Manufacturing sector.' }),
    sentraId: t.id({ description: 'Global ID of the sentra; null to leave the sentra.' }),
    districtCode: t.string({ description: 'Kemendagri code of the kecamatan.' }),
    address: t.string({ description: 'Street address.' }),
    foundedOn: t.field({ type: 'Date', description: 'Founding date.' }),
    employees: t.int({ description: 'Number of workers.' }),
    annualTurnover: t.field({ type: 'Money', description: 'Annual sales in rupiah; null clears it.' }),
    businessCapital: t.field({ type: 'Money', description: 'Business capital in rupiah; null clears it.' }),
    bookkeeping: t.field({ type: BookkeepingPracticeEnum, description: 'How the IKM keeps its books.' }),
    hasFinancialStatements: t.boolean({ description: 'Whether the IKM produces financial statements.' }),
    currentCredit: t.field({ type: CurrentCreditEnum, description: 'Credit the IKM currently holds.' }),
    kbliCodes: t.field({ type: [EnterpriseKbliInput], description: 'Replaces all KBLI codes (1 or more, one primary).' }),
    certifications: t.field({ type: [CertificationInput], description: 'Replaces all certifications.' }),
    contacts: t.field({ type: [ContactInput], description: 'Replaces all contacts.' }),
  }),
});

export const EnterpriseArchiveInput = builder.inputType('EnterpriseArchiveInput', {
  description: 'Which enterprise to archive.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the enterprise.' }),
  }),
});

export type EnterpriseCreateShape = typeof EnterpriseCreateInput.$inferInput;
export type EnterpriseUpdateShape = typeof EnterpriseUpdateInput.$inferInput;
