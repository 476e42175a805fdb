import { describe, expect, it } from 'vitest';
import {
  allocateConsortium,
  type ConsortiumMemberInput,
  type ConsortiumRequestInput,
  monthlyNeed,
  objectiveOf,
  prepareMembers,
  PROVEN_DELIVERY_RATE,
} from '../../../src/domain/consortium/allocate';
import { createRandom } from '../../../src/domain/scheduling/random';

/** The first day of delivery of every request here. */
const DELIVERY = new Date('2026-12-03T00:00:00.000Z');
const request = (r: Omit<ConsortiumRequestInput, 'deliveryStarts'>): ConsortiumRequestInput => ({ deliveryStarts: DELIVERY, ...r });
/** Certificates without a recorded expiry. */
const held = (...kinds: string[]) => kinds.map((kind) => ({ kind, expiresOn: null }));

const member = (id: string, over: Partial<ConsortiumMemberInput> = {}): ConsortiumMemberInput => ({
  id,
  monthlyCapacity: 1_000,
  committedSharePercent: 100,
  committedElsewhere: 0,
  certifications: [],
  deliveries: { promised: 0, delivered: 0 },
  ...over,
});

/**
 * The optimum of the same model worked out without HiGHS: fill the tiers from the most preferred
 * down; every tier before the last one used is used in full; in the last one the rest goes where
 * the highest utilisation stays lowest, which is the smallest t with Σ floor(t·available) ≥ rest.
 */
function independentOptimum(request: ConsortiumRequestInput, members: ConsortiumMemberInput[]) {
  const prepared = prepareMembers(request, members).filter((p) => p.available > 0);
  const total = prepared.reduce((s, p) => s + p.available, 0);
  let rest = Math.min(request.quantity, total);
  const filled = rest;
  let preference = 0;
  let unfairness = 0;
  for (const weight of [...new Set(prepared.map((p) => p.weight))].sort((a, b) => b - a)) {
    const tier = prepared.filter((p) => p.weight === weight).map((p) => p.available);
    const capacity = tier.reduce((a, b) => a + b, 0);
    if (rest >= capacity) {
      preference += weight * capacity;
      unfairness += 1;
      rest -= capacity;
    } else if (rest > 0) {
      preference += weight * rest;
      const count = (t: number) => tier.reduce((s, a) => s + Math.floor(t * a + 1e-12), 0);
      let [lo, hi] = [0, 1];
      for (let k = 0; k < 80; k += 1) {
        const mid = (lo + hi) / 2;
        if (count(mid) >= rest) hi = mid;
        else lo = mid;
      }
      unfairness += Math.max(...tier.map((a) => Math.floor(hi * a + 1e-12) / a));
      rest = 0;
    }
  }
  return { filled, preference, unfairness };
}

const CERTS = ['HALAL', 'SNI', 'PIRT'];

function generated(seed: number, count: number): { request: ConsortiumRequestInput; members: ConsortiumMemberInput[] } {
  const random = createRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const members = Array.from({ length: count }, (_, i) => {
    const monthlyCapacity = int(50, 5_000);
    const committedSharePercent = int(1, 10) * 10;
    const share = Math.floor((monthlyCapacity * committedSharePercent) / 100);
    const promised = random() < 0.3 ? 0 : int(100, 10_000);
    return member(`m${i}`, {
      monthlyCapacity,
      committedSharePercent,
      committedElsewhere: random() < 0.4 ? int(0, share) : 0,
      certifications: held(...CERTS.filter(() => random() < 0.5)),
      deliveries: { promised, delivered: Math.min(promised, Math.floor(promised * (0.85 + random() * 0.2))) },
    });
  });
  const free = members.reduce((s, m) => s + Math.max(0, Math.floor((m.monthlyCapacity * m.committedSharePercent) / 100) - m.committedElsewhere), 0);
  return {
    request: request({
      quantity: Math.max(1, Math.floor(free * (0.2 + random() * 1.1))),
      requiredCertifications: random() < 0.3 ? ['HALAL'] : [],
      preferredCertifications: random() < 0.8 ? ['SNI'] : [],
    }),
    members,
  };
}

describe('allocateConsortium against the optimum worked out independently', () => {
  const SIZES = [10, 25, 50, 100, 200, 350, 500];
  it.each(SIZES.flatMap((n) => [1, 2, 3].map((seed) => [n, seed] as const)))('%i members, seed %i', async (n, seed) => {
    const { request, members } = generated(seed * 1_000 + n, n);
    const started = performance.now();
    const allocation = await allocateConsortium(request, members);
    const ms = performance.now() - started;
    const optimum = independentOptimum(request, members);
    expect(allocation.filled).toBe(optimum.filled);
    expect(allocation.preference).toBe(optimum.preference);
    expect(allocation.unfairness).toBeCloseTo(optimum.unfairness, 6);
    // Feasible: whole units, never above what a member is free to commit, never above the request.
    const prepared = prepareMembers(request, members);
    allocation.members.forEach((a, i) => {
      expect(Number.isInteger(a.quantity) && a.quantity >= 0 && a.quantity <= prepared[i]!.available).toBe(true);
      expect(a.reasons.length).toBeGreaterThan(0);
    });
    expect(objectiveOf(prepared, allocation.members.map((a) => a.quantity))).toEqual({ filled: allocation.filled, preference: allocation.preference, unfairness: allocation.unfairness });
    if (seed === 1) {
      console.log(
        `${n} members: requested ${request.quantity}, filled ${allocation.filled} (optimum ${optimum.filled}), preference ${allocation.preference} (${optimum.preference}), ` +
          `unfairness ${allocation.unfairness.toFixed(4)} (${optimum.unfairness.toFixed(4)}), ${ms.toFixed(0)} ms`,
      );
    }
  });
});

describe('allocateConsortium at its boundaries', () => {
  it('a member commits its share of capacity less what other consortia hold; the shortfall is reported', async () => {
    const a = await allocateConsortium(request({ quantity: 2_000 }), [
      member('a', { monthlyCapacity: 1_000, committedSharePercent: 50, committedElsewhere: 200 }),
      member('b', { monthlyCapacity: 999, committedSharePercent: 50 }),
    ]);
    expect(a.members.map((m) => [m.available, m.quantity])).toEqual([
      [300, 300],
      [499, 499], // floor(999 × 50 %)
    ]);
    expect(a).toMatchObject({ filled: 799, shortfall: 1_201 });
    expect(a.members[0]!.reasons[0]).toBe('Commits 50 % of 1,000 units a month (500), 200 of them already to other consortia: 300 free.');
  });

  it('certified before proven before neither; the last tier used is spread evenly', async () => {
    const a = await allocateConsortium(request({ quantity: 1_600, preferredCertifications: ['SNI'] }), [
      member('plain1'),
      member('plain2'),
      member('proven', { deliveries: { promised: 100, delivered: 95 } }),
      member('certified', { certifications: held('SNI') }),
    ]);
    expect(a.members.map((m) => m.quantity)).toEqual([0, 0, 600, 1_000]);
    const b = await allocateConsortium(request({ quantity: 2_600, preferredCertifications: ['SNI'] }), [
      member('plain1'),
      member('plain2', { monthlyCapacity: 3_000 }),
      member('proven', { deliveries: { promised: 100, delivered: 95 } }),
      member('certified', { certifications: held('SNI') }),
    ]);
    // 600 over plain members of 1,000 and 3,000 free: 15 % each, not 600 to one.
    expect(b.members.map((m) => m.quantity)).toEqual([150, 450, 1_000, 1_000]);
    expect(b.members[1]!.reasons.at(-1)).toMatch(/15 % of what it is free to commit/);
  });

  it(`proven at ${PROVEN_DELIVERY_RATE * 100} % delivered, not one unit below; no record is not proven`, async () => {
    const a = await allocateConsortium(request({ quantity: 10 }), [
      member('at', { deliveries: { promised: 1_000, delivered: 950 } }),
      member('below', { deliveries: { promised: 1_000, delivered: 949 } }),
      member('none'),
    ]);
    expect(a.members.map((m) => m.proven)).toEqual([true, false, false]);
  });

  it('a member without a required certification is left out, and says why', async () => {
    const a = await allocateConsortium(request({ quantity: 1_500, requiredCertifications: ['HALAL'] }), [member('halal', { certifications: held('HALAL') }), member('other')]);
    expect(a.members.map((m) => m.quantity)).toEqual([1_000, 0]);
    expect(a.members[1]!.excluded).toBe('it lacks the required certification HALAL');
    expect(a.shortfall).toBe(500);
  });

  it('monthly capacity against the need a month: exactly at capacity fills, one unit over falls short by one', async () => {
    const members = [member('a', { monthlyCapacity: 1_000, committedSharePercent: 50 }), member('b', { monthlyCapacity: 1_000, committedSharePercent: 50 })];
    expect(await allocateConsortium(request({ quantity: 1_000 }), members)).toMatchObject({ requested: 1_000, filled: 1_000, shortfall: 0 });
    expect(await allocateConsortium(request({ quantity: 1_001 }), members)).toMatchObject({ requested: 1_001, filled: 1_000, shortfall: 1 });
  });

  it('a total for three months is a third of it a month (rounded up); one month is all of it', async () => {
    const members = [member('a', { monthlyCapacity: 1_000 })];
    expect(monthlyNeed({ quantity: 3_000 })).toBe(3_000);
    expect(monthlyNeed({ quantity: 3_001, months: 3 })).toBe(1_001);
    // 3,000 over 1 month: 2,000 short of a member making 1,000 a month.
    expect(await allocateConsortium(request({ quantity: 3_000, months: 1 }), members)).toMatchObject({ requested: 3_000, filled: 1_000, shortfall: 2_000 });
    // The same 3,000 over 3 months: exactly its capacity a month.
    const three = await allocateConsortium(request({ quantity: 3_000, months: 3 }), members);
    expect(three).toMatchObject({ requested: 1_000, filled: 1_000, shortfall: 0 });
    expect(three.members[0]!.reasons.at(-1)).toBe('Allocated 1,000 a month: all it is free to commit, as its tier comes before the others.');
    // One unit more over 3 months needs 1,001 a month: one short.
    const over = await allocateConsortium(request({ quantity: 3_001, months: 3 }), members);
    expect(over).toMatchObject({ requested: 1_001, filled: 1_000, shortfall: 1 });
    expect(over.members[0]!.reasons.at(-1)).toBe('Allocated 1,000 a month: all it is free to commit; 3,001 units over 3 months are 1,001 a month, still not filled.');
    await expect(allocateConsortium(request({ quantity: 3, months: 0 }), members)).rejects.toThrow(RangeError);
  });

  it('a required certificate counts through its expiry day: expired the day before delivery begins, the member is left out and says why', async () => {
    const expiring = (expiresOn: string) => [{ kind: 'HALAL', expiresOn: new Date(`${expiresOn}T00:00:00.000Z`) }];
    const a = await allocateConsortium(request({ quantity: 3_000, requiredCertifications: ['HALAL'] }), [
      member('dayBefore', { certifications: expiring('2026-12-02') }),
      member('dayOf', { certifications: expiring('2026-12-03') }),
      member('after', { certifications: expiring('2026-12-04') }),
    ]);
    expect(a.members.map((m) => [m.available, m.quantity])).toEqual([
      [0, 0],
      [1_000, 1_000],
      [1_000, 1_000],
    ]);
    expect(a.members[0]!.excluded).toBe('its required certificate HALAL expired on 2026-12-02, before delivery begins on 2026-12-03');
    expect(a.members[0]!.reasons).toEqual(['Left out: its required certificate HALAL expired on 2026-12-02, before delivery begins on 2026-12-03.']);
    expect(a.shortfall).toBe(1_000);
    // An expired certificate beside a valid one of the same kind: the valid one counts.
    const renewed = await allocateConsortium(request({ quantity: 10, requiredCertifications: ['HALAL'] }), [
      member('renewed', { certifications: [...expiring('2026-01-01'), ...held('HALAL')] }),
    ]);
    expect(renewed.members[0]!.excluded).toBeNull();
  });

  it('an expired preferred certificate does not make a member preferred', async () => {
    const a = await allocateConsortium(request({ quantity: 1_000, preferredCertifications: ['SNI'] }), [
      member('expired', { certifications: [{ kind: 'SNI', expiresOn: new Date('2026-12-02T00:00:00.000Z') }] }),
      member('valid', { certifications: held('SNI') }),
    ]);
    expect(a.members.map((m) => [m.certified, m.quantity])).toEqual([
      [false, 0],
      [true, 1_000],
    ]);
  });

  it('nothing requested or nobody free: an empty allocation; impossible numbers are refused', async () => {
    expect((await allocateConsortium(request({ quantity: 0 }), [member('a')])).filled).toBe(0);
    expect((await allocateConsortium(request({ quantity: 5 }), [member('a', { committedElsewhere: 1_000 })])).shortfall).toBe(5);
    await expect(allocateConsortium(request({ quantity: 1.5 }), [])).rejects.toThrow(RangeError);
    await expect(allocateConsortium(request({ quantity: 1 }), [member('a', { committedSharePercent: 101 })])).rejects.toThrow(RangeError);
  });
});
