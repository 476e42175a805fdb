import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../src/domain/identifiers/email';

const rejected = (fragment: string) => ({ ok: false, code: 'INVALID_EMAIL', message: expect.stringContaining(fragment) });

/** A domain of exactly `length` characters, in labels of at most 63. */
function domainOf(length: number): string {
  const labels: string[] = [];
  let remaining = length - 3; // room for the final ".id"
  while (remaining > 0) {
    const size = Math.min(63, remaining);
    labels.push('x'.repeat(size));
    remaining -= size + 1; // the label and the dot after it
  }
  const domain = `${labels.join('.')}.id`;
  expect(domain).toHaveLength(length);
  return domain;
}

describe('parseEmail', () => {
  it('trims, lowercases the domain and keeps the local part as written', () => {
    expect(parseEmail('  Budi.Santoso@Disperin.SemarangKota.GO.ID ')).toEqual({
      ok: true,
      value: 'Budi.Santoso@disperin.semarangkota.go.id',
    });
  });

  it('accepts a local part of 64 characters, the limit', () => {
    const address = `${'a'.repeat(64)}@example.co.id`;
    expect(parseEmail(address)).toEqual({ ok: true, value: address });
  });

  it('rejects a local part of 65 characters', () => {
    expect(parseEmail(`${'a'.repeat(65)}@example.co.id`)).toEqual(rejected('at most 64 characters before the @; got 65'));
  });

  it('counts the local-part limit in octets, so 32 "é" (64 octets) pass and one more character fails', () => {
    expect(parseEmail(`${'é'.repeat(32)}@example.co.id`)).toMatchObject({ ok: true });
    expect(parseEmail(`${'é'.repeat(32)}a@example.co.id`)).toEqual(rejected('got 65'));
  });

  it('accepts an address of 254 characters, the limit', () => {
    const address = `${'a'.repeat(64)}@${domainOf(189)}`;
    expect(address).toHaveLength(254);
    expect(parseEmail(address)).toEqual({ ok: true, value: address });
  });

  it('rejects an address of 255 characters', () => {
    const address = `${'a'.repeat(64)}@${domainOf(190)}`;
    expect(address).toHaveLength(255);
    expect(parseEmail(address)).toEqual(rejected('at most 254 characters; got 255'));
  });

  it.each(['budi.example.co.id', 'budi@ikm@example.co.id'])('rejects %j, which does not have exactly one @', (input) => {
    expect(parseEmail(input)).toEqual(rejected('exactly one @'));
  });

  it('rejects an address with nothing before the @', () => {
    expect(parseEmail('@example.co.id')).toEqual(rejected('needs a name before the @'));
  });

  it.each(['budi@', 'budi@localhost', 'budi@.example.id', 'budi@example.id.', 'budi@example..id'])(
    'rejects %j, whose domain is not dot-separated non-empty labels',
    (input) => {
      expect(parseEmail(input)).toEqual(rejected('needs a domain with a dot'));
    },
  );

  it.each(['budi santoso@example.co.id', 'budi@example .co.id'])('rejects %j, which contains a space', (input) => {
    expect(parseEmail(input)).toEqual(rejected('must not contain spaces'));
  });

  it('rejects an empty address', () => {
    expect(parseEmail('  ')).toEqual(rejected('is required'));
  });
});
