import { checkText, type UserError, type UserErrorCode, userError } from '../common/user-errors';
import { parseEmail } from '../domain/identifiers/email';
import { parseNib } from '../domain/identifiers/nib';
import { parseNpwp } from '../domain/identifiers/npwp';
import { parseIndonesianPhone } from '../domain/identifiers/phone';
import type { Validation } from '../domain/identifiers/validation';
import { isManufacturingKbli, type KbliVersion, MANUFACTURING_GROUP_FIRST, MANUFACTURING_GROUP_LAST, parseKbli } from '../domain/kbli';
import { parseRupiah } from '../domain/money';
import type { CertificationKind } from '../generated/prisma/enums';

/** Limits of the enterprise profile; the GraphQL descriptions quote them. */
export const LIMITS = {
  name: 200,
  description: 4000,
  address: 500,
  kbliCodes: 20,
  certifications: 20,
  certificationNumber: 100,
  contacts: 10,
  contactName: 120,
  contactRole: 120,
  products: 50,
  productName: 200,
  productCategory: 60,
  productUnit: 30,
  employees: 100_000,
  monthlyCapacity: 100_000_000,
} as const;

/** Founding dates before this are typos (the oldest batik houses of Semarang are 20th-century). */
export const EARLIEST_FOUNDING = new Date('1900-01-01T00:00:00.000Z');

export type Path = string[];

/**
 * Gathers every problem of one input, so the caller sees all of them at once, and hands back the
 * normalised values for the write.
 */
export class Checks {
  readonly errors: UserError[] = [];

  add(code: UserErrorCode, field: Path, message: string): void {
    this.errors.push(userError(code, field, message));
  }

  text(value: string | null | undefined, field: Path, options: { required?: boolean; max: number }): string | undefined {
    const problems = checkText(value, field, options);
    this.errors.push(...problems);
    return problems.length === 0 && value != null ? value.trim() : undefined;
  }

  /** Copies a domain parser's failure into a user error. */
  parsed<T>(result: Validation<T>, field: Path): T | undefined {
    if (result.ok) return result.value;
    this.add(result.code, field, result.message);
    return undefined;
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }
}

const at = (path: Path, ...rest: (string | number)[]): Path => [...path, ...rest.map(String)];

export function checkNib(c: Checks, value: string, field: Path): string | undefined {
  return c.parsed(parseNib(value), field);
}

/** NPWP: null clears it; the empty string counts as null so a form can send a blank field. */
export function checkNpwp(c: Checks, value: string | null, field: Path): string | null | undefined {
  if (value === null || value.trim() === '') return null;
  return c.parsed(parseNpwp(value), field);
}

export function checkMoney(c: Checks, value: bigint | null, field: Path): bigint | null | undefined {
  if (value === null) return null;
  return c.parsed(parseRupiah(value), field);
}

export function checkFoundedOn(c: Checks, value: Date, field: Path, today: Date): Date | undefined {
  if (value > today) {
    c.add('INVALID_VALUE', field, `The founding date must not be in the future.`);
    return undefined;
  }
  if (value < EARLIEST_FOUNDING) {
    c.add('INVALID_VALUE', field, `The founding date must be in 1900 or later.`);
    return undefined;
  }
  return value;
}

export function checkEmployees(c: Checks, value: number, field: Path): number | undefined {
  if (value < 1 || value > LIMITS.employees) {
    c.add('INVALID_VALUE', field, `The number of workers must be 1 to ${LIMITS.employees}, the owner included.`);
    return undefined;
  }
  return value;
}

function tooMany(c: Checks, list: readonly unknown[], max: number, field: Path, what: string): boolean {
  if (list.length <= max) return false;
  c.add('TOO_MANY', field, `At most ${max} ${what}; got ${list.length}.`);
  return true;
}

export interface KbliInput {
  code: string;
  version: KbliVersion;
  isPrimary?: boolean | null;
}

export function checkKbliCodes(c: Checks, list: readonly KbliInput[], field: Path, { required }: { required: boolean }) {
  if (tooMany(c, list, LIMITS.kbliCodes, field, 'KBLI codes')) return undefined;
  if (required && list.length === 0) {
    c.add('REQUIRED', field, 'At least one KBLI code is required: every NIB registers a business activity.');
    return undefined;
  }
  const seen = new Set<string>();
  const result: { code: string; version: KbliVersion; isPrimary: boolean }[] = [];
  list.forEach((k, i) => {
    const parsed = c.parsed(parseKbli(k.code, k.version), at(field, i, 'code'));
    if (!parsed) return;
    if (!isManufacturingKbli(parsed.code)) {
      c.add(
        'INVALID_KBLI',
        at(field, i, 'code'),
        `An IKM is a manufacturing business: its KBLI codes must be in kategori C, golongan pokok ${MANUFACTURING_GROUP_FIRST}–${MANUFACTURING_GROUP_LAST}.`,
      );
      return;
    }
    const key = `${parsed.code}/${parsed.version}`;
    if (seen.has(key)) {
      c.add('INVALID_VALUE', at(field, i, 'code'), 'This KBLI code is listed twice (same code and version).');
      return;
    }
    seen.add(key);
    result.push({ ...parsed, isPrimary: k.isPrimary ?? false });
  });
  const primaries = list.filter((k) => k.isPrimary).length;
  if (list.length > 0 && primaries !== 1) {
    c.add('INVALID_VALUE', field, `Exactly one KBLI code must be marked isPrimary (the main activity); got ${primaries}.`);
  }
  return result;
}

export interface CertificationInput {
  kind: CertificationKind;
  number?: string | null;
  issuedOn?: Date | null;
  expiresOn?: Date | null;
}

export function checkCertifications(c: Checks, list: readonly CertificationInput[], field: Path, today: Date) {
  if (tooMany(c, list, LIMITS.certifications, field, 'certifications')) return undefined;
  const seen = new Set<CertificationKind>();
  return list.map((cert, i) => {
    if (seen.has(cert.kind)) {
      c.add('INVALID_VALUE', at(field, i, 'kind'), `${cert.kind} is listed twice; an IKM holds one certificate of each kind.`);
    }
    seen.add(cert.kind);
    const number = c.text(cert.number ?? '', at(field, i, 'number'), { max: LIMITS.certificationNumber }) ?? '';
    const issuedOn = cert.issuedOn ?? null;
    const expiresOn = cert.expiresOn ?? null;
    if (issuedOn && issuedOn > today) {
      c.add('INVALID_VALUE', at(field, i, 'issuedOn'), 'The date of issue must not be in the future.');
    }
    if (issuedOn && expiresOn && expiresOn < issuedOn) {
      c.add('INVALID_VALUE', at(field, i, 'expiresOn'), 'The expiry date must not be before the date of issue.');
    }
    return { kind: cert.kind, number, issuedOn, expiresOn };
  });
}

export interface ContactInput {
  name: string;
  role?: string | null;
  phone?: string | null;
  email?: string | null;
  isPrimary?: boolean | null;
}

export function checkContacts(c: Checks, list: readonly ContactInput[], field: Path) {
  if (tooMany(c, list, LIMITS.contacts, field, 'contacts')) return undefined;
  const result = list.map((contact, i) => {
    const name = c.text(contact.name, at(field, i, 'name'), { required: true, max: LIMITS.contactName }) ?? '';
    const role = c.text(contact.role ?? '', at(field, i, 'role'), { max: LIMITS.contactRole }) ?? '';
    const phone =
      contact.phone == null || contact.phone.trim() === ''
        ? null
        : (c.parsed(parseIndonesianPhone(contact.phone), at(field, i, 'phone')) ?? null);
    const email =
      contact.email == null || contact.email.trim() === ''
        ? null
        : (c.parsed(parseEmail(contact.email), at(field, i, 'email')) ?? null);
    return { name, role, phone, email, isPrimary: contact.isPrimary ?? false };
  });
  const primaries = list.filter((k) => k.isPrimary).length;
  if (primaries > 1) c.add('INVALID_VALUE', field, `At most one contact can be the primary one; got ${primaries}.`);
  return result;
}

const CATEGORY_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface ProductInput {
  name?: string | null;
  category?: string | null;
  monthlyCapacity?: number | null;
  unit?: string | null;
  unitPrice?: bigint | null;
}

/**
 * Checks a whole product (create) or the given fields of one (update: `partial`). Undefined
 * fields are skipped in a partial check; null is "missing" for a required field.
 */
export function checkProduct(c: Checks, p: ProductInput, field: Path, { partial = false } = {}) {
  const need = (v: unknown) => !partial || v !== undefined;
  const name = need(p.name) ? c.text(p.name, at(field, 'name'), { required: true, max: LIMITS.productName }) : undefined;
  let category: string | undefined;
  if (need(p.category)) {
    const text = c.text(p.category, at(field, 'category'), { required: true, max: LIMITS.productCategory });
    if (text !== undefined) {
      category = text.toLowerCase();
      if (!CATEGORY_SLUG.test(category)) {
        c.add(
          'INVALID_VALUE',
          at(field, 'category'),
          `A product category is a slug of lower-case letters, digits and dashes, e.g. "batik-tulis".`,
        );
        category = undefined;
      }
    }
  }
  let monthlyCapacity: number | undefined;
  if (need(p.monthlyCapacity)) {
    if (p.monthlyCapacity == null) c.add('REQUIRED', at(field, 'monthlyCapacity'), 'monthlyCapacity is required.');
    else if (p.monthlyCapacity < 0 || p.monthlyCapacity > LIMITS.monthlyCapacity) {
      c.add(
        'INVALID_VALUE',
        at(field, 'monthlyCapacity'),
        `Monthly capacity must be 0 to ${LIMITS.monthlyCapacity} units.`,
      );
    } else monthlyCapacity = p.monthlyCapacity;
  }
  const unit = need(p.unit) ? c.text(p.unit, at(field, 'unit'), { required: true, max: LIMITS.productUnit }) : undefined;
  const unitPrice = p.unitPrice === undefined ? undefined : checkMoney(c, p.unitPrice, at(field, 'unitPrice'));
  return { name, category, monthlyCapacity, unit, unitPrice };
}

export function checkProducts(c: Checks, list: readonly ProductInput[], field: Path) {
  if (tooMany(c, list, LIMITS.products, field, 'products')) return undefined;
  return list.map((p, i) => checkProduct(c, p, at(field, i)));
}
