import { describe, expect, it } from 'vitest';
import { isCanonicalUuid, UUID_V7_MAX_MS, uuidsV7, uuidV7 } from '../../src/domain/identifiers/uuid';

/** RFC 9562 §5.7: unix_ts_ms (48 bits), ver = 0111, rand_a (12), var = 10, rand_b (62). */
describe('uuidV7', () => {
  const ones = new Uint8Array(10).fill(0xff);
  const zeros = new Uint8Array(10);

  it('puts the milliseconds in the first 48 bits, version 7 and variant 10 whatever the random bits', () => {
    const ms = Date.UTC(2026, 11, 4, 10, 0, 0, 123);
    for (const random of [ones, zeros]) {
      const id = uuidV7(ms, random);
      expect(isCanonicalUuid(id)).toBe(true);
      expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
      expect(id[14]).toBe('7');
      expect(['8', '9', 'a', 'b']).toContain(id[19]);
    }
    expect(uuidV7(ms, ones)).toBe(`${ms.toString(16).padStart(12, '0').replace(/^(.{8})(.{4})$/, '$1-$2')}-7fff-bfff-ffffffffffff`);
    expect(uuidV7(ms, zeros)).toMatch(/-7000-8000-000000000000$/);
  });

  it('takes 0 and 2^48 - 1 ms, and refuses what does not fit in 48 bits', () => {
    expect(uuidV7(0, zeros)).toBe('00000000-0000-7000-8000-000000000000');
    expect(uuidV7(UUID_V7_MAX_MS, ones)).toBe('ffffffff-ffff-7fff-bfff-ffffffffffff');
    expect(() => uuidV7(UUID_V7_MAX_MS + 1)).toThrow(RangeError);
    expect(() => uuidV7(-1)).toThrow(RangeError);
    expect(() => uuidV7(1.5)).toThrow(RangeError);
  });

  it('orders by time: an id of a later millisecond sorts after one of an earlier', () => {
    const earlier = uuidV7(Date.UTC(2026, 0, 1), ones);
    const later = uuidV7(Date.UTC(2026, 0, 1) + 1, zeros);
    expect(earlier < later).toBe(true);
    expect(uuidV7()).not.toBe(uuidV7());
  });
});

describe('uuidsV7', () => {
  it('gives `count` distinct version 7 ids of one millisecond, each with its own random bits', () => {
    const ms = Date.UTC(2026, 11, 5, 8, 0, 0, 7);
    const ids = uuidsV7(51, ms);
    expect(ids).toHaveLength(51);
    expect(new Set(ids).size).toBe(51);
    for (const id of ids) {
      expect(isCanonicalUuid(id)).toBe(true);
      expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
      expect(id[14]).toBe('7');
      expect(['8', '9', 'a', 'b']).toContain(id[19]);
    }
    expect(uuidsV7(0)).toEqual([]);
  });
});
