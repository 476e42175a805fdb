import { Kind } from 'graphql';
import { badInput } from './errors';
import { builder } from '../builder';
import { parseRupiah } from '../domain/money';

builder.scalarType('DateTime', {
  description: 'An instant as an ISO-8601 string with time zone, e.g. 2026-11-27T09:00:00.000Z.',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime()) || !/T/.test(value as string)) {
      throw badInput('DateTime must be an ISO-8601 string such as 2026-11-27T09:00:00+07:00.');
    }
    return date;
  },
});

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Calendar dates travel as YYYY-MM-DD and are held as midnight UTC, as Postgres `date` columns are. */
function parseDate(value: unknown): Date {
  const match = typeof value === 'string' ? DATE_ONLY.exec(value) : null;
  const date = match ? new Date(`${value as string}T00:00:00.000Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw badInput('Date must be a calendar date written YYYY-MM-DD, e.g. 2026-11-27.');
  }
  return date;
}

builder.scalarType('Date', {
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: (value) => value.toISOString().slice(0, 10),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

/**
 * Rupiah are whole numbers; a string keeps large values exact in JSON and spares clients from
 * floating point. The rule itself lives in the domain (parseRupiah).
 */
function parseMoney(value: unknown): bigint {
  if (typeof value !== 'string') {
    throw badInput('Money is a whole number of rupiah written as a string of digits, e.g. "150000000".');
  }
  const parsed = parseRupiah(value);
  if (!parsed.ok) throw badInput(parsed.message);
  return parsed.value;
}

builder.scalarType('Money', {
  description:
    'An amount in Indonesian rupiah (IDR) as a string-encoded non-negative integer, e.g. "150000000" for Rp150 juta.',
  serialize: (value) => String(value),
  parseValue: parseMoney,
  parseLiteral: (ast) => parseMoney(ast.kind === Kind.STRING ? ast.value : undefined),
});
