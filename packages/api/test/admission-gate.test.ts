import { describe, expect, it } from 'vitest';
import { createAdmissionGate } from '../src/server/admission-gate';

describe('admission gate', () => {
  it('lets `limit` in, queues the rest in arrival order, refuses beyond the queue', async () => {
    const gate = createAdmissionGate(2, 2);
    const a = await gate.enter().place;
    const b = await gate.enter().place;
    const order: string[] = [];
    const admitted = (name: string) => (leave: (() => void) | null) => {
      order.push(name);
      return leave;
    };
    const c = gate.enter().place.then(admitted('c'));
    const d = gate.enter().place.then(admitted('d'));
    expect(await gate.enter().place).toBeNull();
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

  it('gives back the seat of a caller that hung up while waiting, so it never holds a place', async () => {
    const gate = createAdmissionGate(1, 1);
    const first = await gate.enter().place;
    const impatient = gate.enter();
    impatient.cancel();
    expect(gate.waiting).toBe(0);
    const next = gate.enter();
    first!();
    const leave = await next.place;
    expect([gate.running, gate.waiting]).toEqual([1, 0]);
    next.cancel(); // admitted: cancelling does nothing, leaving frees the place
    expect(gate.running).toBe(1);
    leave!();
    expect(gate.running).toBe(0);
  });
});
