import { badInput } from '../common/errors';
import { type UserError, userError } from '../common/user-errors';
import { DISTRICT_CODE_RULE, firstUnknownDistrict, unknownDistrict } from '../district/codes';
import { parseEmail } from '../domain/identifiers/email';
import { parseIndonesianPhone } from '../domain/identifiers/phone';
import { isManufacturingKbli, MANUFACTURING_GROUP_FIRST, MANUFACTURING_GROUP_LAST, parseKbliPrefix } from '../domain/kbli';
import { parseRupiah } from '../domain/money';
import { searchText } from '../domain/search';
import type { PrismaClient } from '../generated/prisma/client';

/**
 * Input checks shared by the partner and opportunity modules. Each returns UserErrors with the
 * field path of the offending value; callers collect them all before writing anything.
 */

export const MAX_KBLI_PREFIXES = 20;
export const MAX_LIST_ITEMS = 30;

type Field = string[];

/** 2–5 digit KBLI prefixes inside manufacturing (golongan pokok 10–33); trimmed and de-duplicated. */
export function checkKbliPrefixes(values: readonly string[] | null | undefined, field: Field) {
  const errors: UserError[] = [];
  const prefixes: string[] = [];
  if (!values) return { errors, prefixes };
  if (values.length > MAX_KBLI_PREFIXES) {
    errors.push(userError('TOO_MANY', field, `At most ${MAX_KBLI_PREFIXES} KBLI prefixes; got ${values.length}.`));
    return { errors, prefixes };
  }
  values.forEach((value, i) => {
    const parsed = parseKbliPrefix(value);
    if (!parsed.ok) {
      errors.push(userError('INVALID_KBLI', [...field, String(i)], parsed.message));
    } else if (!isManufacturingKbli(parsed.value)) {
      errors.push(
        userError(
          'INVALID_KBLI',
          [...field, String(i)],
          `KBLI prefix "${parsed.value}" is outside manufacturing (kategori C, golongan pokok ${MANUFACTURING_GROUP_FIRST}–${MANUFACTURING_GROUP_LAST}); IKM are registered only there.`,
        ),
      );
    } else if (!prefixes.includes(parsed.value)) {
      prefixes.push(parsed.value);
    }
  });
  return { errors, prefixes };
}

/**
 * A list of Kemendagri codes checked against a reference table (one query for all of them), each
 * kept once in the order given; a code the table lacks is INVALID_VALUE at its index, never repeated.
 */
async function checkKnownCodes(
  values: readonly string[] | null | undefined,
  field: Field,
  rule: { max: number; tooMany: string; known: (codes: string[]) => Promise<string[]>; unknown: (field: Field) => UserError },
) {
  const errors: UserError[] = [];
  const codes: string[] = [];
  if (!values || values.length === 0) return { errors, codes };
  if (values.length > rule.max) {
    errors.push(userError('TOO_MANY', field, `${rule.tooMany}; got ${values.length}.`));
    return { errors, codes };
  }
  const trimmed = values.map((v) => v.trim());
  const known = new Set(await rule.known(trimmed));
  trimmed.forEach((code, i) => {
    if (!known.has(code)) errors.push(rule.unknown([...field, String(i)]));
    else if (!codes.includes(code)) codes.push(code);
  });
  return { errors, codes };
}

/** Kemendagri codes of kecamatan the District table holds (Jawa Tengah's 576), at most 16. */
export function checkDistrictCodes(prisma: PrismaClient, values: readonly string[] | null | undefined, field: Field) {
  return checkKnownCodes(values, field, {
    max: 16,
    tooMany: 'At most 16 kecamatan codes; for a wider area name kabupaten/kota instead',
    known: async (codes) => (await prisma.district.findMany({ where: { code: { in: codes } }, select: { code: true } })).map((d) => d.code),
    unknown: unknownDistrict,
  });
}

/** Jawa Tengah has 35 kabupaten/kota. */
const MAX_REGENCY_CODES = 35;

/** Kemendagri codes of kabupaten/kota the Regency table holds. */
export function checkRegencyCodes(prisma: PrismaClient, values: readonly string[] | null | undefined, field: Field) {
  return checkKnownCodes(values, field, {
    max: MAX_REGENCY_CODES,
    tooMany: `At most ${MAX_REGENCY_CODES} kabupaten/kota codes (Jawa Tengah has ${MAX_REGENCY_CODES})`,
    known: async (codes) => (await prisma.regency.findMany({ where: { code: { in: codes } }, select: { code: true } })).map((r) => r.code),
    unknown: (at) => userError('INVALID_VALUE', at, 'This is not the Kemendagri code of a kabupaten/kota of Jawa Tengah, NN.NN (e.g. 33.74 for Kota Semarang).'),
  });
}

/** An amount within the registry's sanity cap (see domain/money.ts). */
export function checkMoney(value: bigint | null | undefined, field: Field): UserError[] {
  if (value === null || value === undefined) return [];
  const parsed = parseRupiah(value);
  return parsed.ok ? [] : [userError('INVALID_MONEY', field, parsed.message)];
}

/** min ≤ max when both are present; the error points at the maximum. */
export function checkRange<T extends number | bigint>(
  min: T | null | undefined,
  max: T | null | undefined,
  field: Field,
  label: string,
): UserError[] {
  if (min === null || min === undefined || max === null || max === undefined) return [];
  return min > max
    ? [userError('INVALID_RANGE', field, `${label}: the maximum is below the minimum.`)]
    : [];
}

export function checkNonNegativeInt(value: number | null | undefined, field: Field, label: string): UserError[] {
  if (value === null || value === undefined) return [];
  return value < 0 ? [userError('INVALID_VALUE', field, `${label} must not be negative.`)] : [];
}

/** An absolute http(s) URL with a host, at most 300 characters. */
export function checkWebsite(value: string | null | undefined, field: Field): UserError[] {
  if (value === null || value === undefined || value.trim() === '') return [];
  const text = value.trim();
  if (text.length > 300) return [userError('TOO_LONG', field, `website must be at most 300 characters; got ${text.length}.`)];
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname.includes('.')) {
    return [
      userError('INVALID_VALUE', field, `website must be an http:// or https:// address such as https://example.co.id.`),
    ];
  }
  return [];
}

/** Short labels in a list (product categories, …): non-empty, capped in count and length. */
export function checkLabels(values: readonly string[] | null | undefined, field: Field, max: number) {
  const errors: UserError[] = [];
  const labels: string[] = [];
  if (!values) return { errors, labels };
  if (values.length > MAX_LIST_ITEMS) {
    errors.push(userError('TOO_MANY', field, `At most ${MAX_LIST_ITEMS} items; got ${values.length}.`));
    return { errors, labels };
  }
  values.forEach((value, i) => {
    const text = value.trim();
    if (text === '') errors.push(userError('REQUIRED', [...field, String(i)], 'An item must not be empty.'));
    else if (text.length > max) {
      errors.push(userError('TOO_LONG', [...field, String(i)], `An item must be at most ${max} characters; got ${text.length}.`));
    } else if (!labels.includes(text)) labels.push(text);
  });
  return { errors, labels };
}

export function checkPhone(value: string | null | undefined, field: Field) {
  if (value === null || value === undefined || value.trim() === '') return { errors: [] as UserError[], value: null };
  const parsed = parseIndonesianPhone(value);
  return parsed.ok
    ? { errors: [] as UserError[], value: parsed.value }
    : { errors: [userError('INVALID_PHONE', field, parsed.message)], value: null };
}

export function checkEmail(value: string | null | undefined, field: Field) {
  if (value === null || value === undefined || value.trim() === '') return { errors: [] as UserError[], value: null };
  const parsed = parseEmail(value);
  return parsed.ok
    ? { errors: [] as UserError[], value: parsed.value }
    : { errors: [userError('INVALID_EMAIL', field, parsed.message)], value: null };
}

/** A URL-safe slug from a name: "PT Logam Jaya Abadi" → "pt-logam-jaya-abadi". */
export function slugify(name: string): string {
  return (
    searchText(name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/g, '') || 'partner'
  );
}

/** Filter values are not business input: a malformed one is a top-level BAD_USER_INPUT error. */
/** Every prefix (2..n digits) of a KBLI code or prefix given in a filter, e.g. "24101" → 24, 241, 2410, 24101. */
export function kbliFilterPrefixes(value: string): string[] {
  const parsed = parseKbliPrefix(value);
  if (!parsed.ok) throw badInput(parsed.message);
  const code = parsed.value;
  return Array.from({ length: code.length - 1 }, (_, i) => code.slice(0, i + 2));
}

/** A kecamatan code in a filter, which the District table must hold: BAD_USER_INPUT otherwise. */
export async function districtFilterCode(prisma: PrismaClient, value: string): Promise<string> {
  const code = value.trim();
  if ((await firstUnknownDistrict(prisma, [code])) !== -1) {
    throw badInput(`districtCode must be ${DISTRICT_CODE_RULE}.`);
  }
  return code;
}

