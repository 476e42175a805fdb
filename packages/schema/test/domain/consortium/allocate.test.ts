import { describe, expect, it } from 'vitest';
import {
  allocateConsortium,
  type ConsortiumMemberInput,
  type ConsortiumRequestInput,
  objectiveOf,
  prepareMembers,
  PROVEN_DELIVERY_RATE,
} from '../../../src/domain/consortium/allocate';
import { createRandom } from '../../../src/domain/scheduling/random';

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
      certifications: CERTS.filter(() => random() < 0.5),
      deliveries: { promised, delivered: Math.min(promised, Math.floor(promised * (0.85 + random() * 0.2))) },
    });
  });
  const free = members.reduce((s, m) => s + Math.max(0, Math.floor((m.monthlyCapacity * m.committedSharePercent) / 100) - m.committedElsewhere), 0);
  return {
    request: {
      quantity: Math.max(1, Math.floor(free * (0.2 + random() * 1.1))),
      requiredCertifications: random() < 0.3 ? ['HALAL'] : [],
      preferredCertifications: random() < 0.8 ? ['SNI'] : [],
    },
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
    const a = await allocateConsortium({ quantity: 2_000 }, [
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
    const a = await allocateConsortium({ quantity: 1_600, preferredCertifications: ['SNI'] }, [
      member('plain1'),
      member('plain2'),
      member('proven', { deliveries: { promised: 100, delivered: 95 } }),
      member('certified', { certifications: ['SNI'] }),
    ]);
    expect(a.members.map((m) => m.quantity)).toEqual([0, 0, 600, 1_000]);
    const b = await allocateConsortium({ quantity: 2_600, preferredCertifications: ['SNI'] }, [
      member('plain1'),
      member('plain2', { monthlyCapacity: 3_000 }),
      member('proven', { deliveries: { promised: 100, delivered: 95 } }),
      member('certified', { certifications: ['SNI'] }),
    ]);
    // 600 over plain members of 1,000 and 3,000 free: 15 % each, not 600 to one.
    expect(b.members.map((m) => m.quantity)).toEqual([150, 450, 1_000, 1_000]);
    expect(b.members[1]!.reasons.at(-1)).toMatch(/15 % of what it is free to commit/);
  });

  it(`proven at ${PROVEN_DELIVERY_RATE * 100} % delivered, not one unit below; no record is not proven`, async () => {
    const a = await allocateConsortium({ quantity: 10 }, [
      member('at', { deliveries: { promised: 1_000, delivered: 950 } }),
      member('below', { deliveries: { promised: 1_000, delivered: 949 } }),
      member('none'),
    ]);
    expect(a.members.map((m) => m.proven)).toEqual([true, false, false]);
  });

  it('a member without a required certification is left out, and says why', async () => {
    const a = await allocateConsortium({ quantity: 1_500, requiredCertifications: ['HALAL'] }, [member('halal', { certifications: ['HALAL'] }), member('other')]);
    expect(a.members.map((m) => m.quantity)).toEqual([1_000, 0]);
    expect(a.members[1]!.excluded).toBe('lacks the required certification HALAL');
    expect(a.shortfall).toBe(500);
  });

  it('nothing requested or nobody free: an empty allocation; impossible numbers are refused', async () => {
    expect((await allocateConsortium({ quantity: 0 }, [member('a')])).filled).toBe(0);
    expect((await allocateConsortium({ quantity: 5 }, [member('a', { committedElsewhere: 1_000 })])).shortfall).toBe(5);
    await expect(allocateConsortium({ quantity: 1.5 }, [])).rejects.toThrow(RangeError);
    await expect(allocateConsortium({ quantity: 1 }, [member('a', { committedSharePercent: 101 })])).rejects.toThrow(RangeError);
  });
});
