import { describe, expect, it } from 'vitest';
import { createAdmissionGate } from '../src/server/admission-gate';

describe('admission gate', () => {
  it('lets `limit` in, queues the rest in arrival order, refuses beyond the queue', async () => {
    const gate = createAdmissionGate(2, 2);
    const a = await gate.enter();
    const b = await gate.enter();
    const order: string[] = [];
    const admitted = (name: string) => (leave: (() => void) | null) => {
      order.push(name);
      return leave;
    };
    const c = gate.enter().then(admitted('c'));
    const d = gate.enter().then(admitted('d'));
    expect(await gate.enter()).toBeNull();
    expect([gate.running, gate.waiting]).toEqual([2, 2]);

    b!();
    b!(); // a second call (finish, then close) frees nothing more
    const leaveC = await c;
    expect(order).toEqual(['c']);
    expect([gate.running, gate.waiting]).toEqual([2, 1]);
    a!();
    const leaveD = await d;
    expect(order).toEqual(['c', 'd']);
    leaveC!();
    leaveD!();
    expect([gate.running, gate.waiting]).toEqual([0, 0]);
  });
});
