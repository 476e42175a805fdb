import { describe, expect, it } from 'vitest';
import { buildLp } from '../../../src/domain/scheduling/exact';
import { buildModel } from '../../../src/domain/scheduling/model';

describe('buildLp', () => {
  it('writes one binary per feasible (request, slot) and only the rows that can bind', () => {
    // A–B fit in s1 or s2, A–C only in s1; one table; A accepts one meeting.
    const model = buildModel({
      slots: [{ id: 's1' }, { id: 's2' }],
      tables: [{ id: 't1' }],
      participants: [
        { id: 'A', availableSlotIds: ['s1', 's2'], meetingCap: 1 },
        { id: 'B', availableSlotIds: ['s1', 's2'] },
        { id: 'C', availableSlotIds: ['s1'] },
      ],
      requests: [
        { id: 'ab', requesterId: 'A', recipientId: 'B', priority: 3 },
        { id: 'ac', requesterId: 'A', recipientId: 'C', priority: 1 },
      ],
      locked: [],
    });
    const { text, columns } = buildLp(model);
    // A meeting is worth 4·2 + 1 = 9 plus its priority.
    expect(text).toBe(
      [
        'Maximize',
        ' obj: 12 x0_0 + 12 x0_1 + 10 x1_0',
        'Subject To',
        ' once0: x0_0 + x0_1 <= 1',
        ' busy0_0: x0_0 + x1_0 <= 1',
        ' tables0: x0_0 + x1_0 <= 1',
        ' cap0: x0_0 + x0_1 + x1_0 <= 1',
        'Binary',
        ' x0_0 x0_1 x1_0',
        'End',
      ].join('\n'),
    );
    expect(columns).toEqual([
      { r: 0, s: 0 },
      { r: 0, s: 1 },
      { r: 1, s: 0 },
    ]);
  });

  it('continues long sums on the next line', () => {
    const people = Array.from({ length: 14 }, (_, i) => ({ id: `p${i}`, availableSlotIds: ['s1'] }));
    const model = buildModel({
      slots: [{ id: 's1' }],
      tables: [{ id: 't1' }],
      participants: people,
      requests: Array.from({ length: 13 }, (_, i) => ({ id: `r${i}`, requesterId: 'p0', recipientId: `p${i + 1}`, priority: 1 })),
      locked: [],
    });
    const { text } = buildLp(model);
    expect(text).toContain(' busy0_0: x0_0 + x1_0 + x2_0 + x3_0 + x4_0 + x5_0 + x6_0 + x7_0 + x8_0 + x9_0 + x10_0 + x11_0 +\n  x12_0 <= 1');
  });
});
