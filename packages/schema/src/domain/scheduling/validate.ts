import type { ScheduleResult, SchedulingInstance } from './types';

/**
 * Checks a schedule against the instance from scratch, sharing no code with the scheduler, and
 * returns every violation found (empty when valid): unknown ids, requests missing or repeated,
 * locked meetings moved, break slots, availability, double-booked participants or tables, caps,
 * required tables, the reported objective and the consistency of each reason.
 */
export function validateSchedule(instance: SchedulingInstance, result: ScheduleResult): string[] {
  const problems: string[] = [];
  const slots = new Map(instance.slots.map((s, i) => [s.id, { ...s, index: i }]));
  const tables = new Set(instance.tables.map((t) => t.id));
  const participants = new Map(instance.participants.map((p) => [p.id, { ...p, available: new Set(p.availableSlotIds) }]));
  const requests = new Map(instance.requests.map((r) => [r.id, r]));
  const locked = new Map(instance.locked.map((m) => [m.requestId, m]));

  const seen = new Set<string>();
  const seat = new Set<string>();
  const meetingsOf = new Map<string, string[]>();
  let priority = 0;
  for (const m of result.assignments) {
    const request = requests.get(m.requestId);
    const slot = slots.get(m.slotId);
    if (!request || !slot || !tables.has(m.tableId)) {
      problems.push(`assignment ${m.requestId} refers to an unknown request, slot or table`);
      continue;
    }
    if (seen.has(m.requestId)) problems.push(`request ${m.requestId} is scheduled twice`);
    seen.add(m.requestId);
    priority += request.priority;

    const fixed = locked.get(m.requestId);
    if (fixed && (fixed.slotId !== m.slotId || fixed.tableId !== m.tableId || !m.locked)) {
      problems.push(`locked meeting ${m.requestId} was moved or unlocked`);
    }
    if (!fixed && m.locked) problems.push(`request ${m.requestId} is marked locked but was not`);
    if (!fixed) {
      if (slot.isBreak) problems.push(`request ${m.requestId} is scheduled in break slot ${m.slotId}`);
      for (const id of [request.requesterId, request.recipientId]) {
        if (!participants.get(id)?.available.has(m.slotId)) {
          problems.push(`${id} is not available in ${m.slotId} for ${m.requestId}`);
        }
      }
      if (request.requiredTableId && request.requiredTableId !== m.tableId) {
        problems.push(`request ${m.requestId} requires table ${request.requiredTableId}, got ${m.tableId}`);
      }
    }
    for (const key of [`table ${m.tableId}`, `participant ${request.requesterId}`, `participant ${request.recipientId}`]) {
      if (seat.has(`${key}@${m.slotId}`)) problems.push(`${key} is booked twice in slot ${m.slotId}`);
      seat.add(`${key}@${m.slotId}`);
    }
    for (const id of [request.requesterId, request.recipientId]) meetingsOf.set(id, [...(meetingsOf.get(id) ?? []), m.slotId]);
  }
  for (const id of locked.keys()) if (!seen.has(id)) problems.push(`locked meeting ${id} is missing`);

  for (const u of result.unscheduled) {
    const request = requests.get(u.requestId);
    if (!request) problems.push(`unscheduled ${u.requestId} is not a request`);
    else if (seen.has(u.requestId)) problems.push(`request ${u.requestId} is both scheduled and unscheduled`);
    seen.add(u.requestId);
    if (u.message.trim() === '') problems.push(`unscheduled ${u.requestId} has no explanation`);
    const a = request && participants.get(request.requesterId);
    const b = request && participants.get(request.recipientId);
    if (!a || !b) continue;
    const common = instance.slots.some((s) => !s.isBreak && a.available.has(s.id) && b.available.has(s.id));
    if ((u.reason === 'NO_COMMON_AVAILABILITY') === common) {
      problems.push(`${u.requestId}: reason ${u.reason} contradicts availability`);
    }
    const atCap = [a, b].some((p) => p.meetingCap != null && (meetingsOf.get(p.id)?.length ?? 0) >= p.meetingCap);
    if (u.reason === 'CAP_REACHED' && !atCap) problems.push(`${u.requestId}: CAP_REACHED but neither participant is at its cap`);
  }
  for (const id of requests.keys()) if (!seen.has(id)) problems.push(`request ${id} is neither scheduled nor unscheduled`);

  let gaps = 0;
  for (const p of instance.participants) {
    const mine = meetingsOf.get(p.id) ?? [];
    const lockedCount = instance.locked.filter((m) => {
      const r = requests.get(m.requestId);
      return r?.requesterId === p.id || r?.recipientId === p.id;
    }).length;
    if (p.meetingCap != null && mine.length > Math.max(p.meetingCap, lockedCount)) {
      problems.push(`${p.id} has ${mine.length} meetings, over the cap of ${p.meetingCap}`);
    }
    const busy = new Set(mine);
    const day = instance.slots.filter((s) => !s.isBreak).map((s) => busy.has(s.id));
    const first = day.indexOf(true);
    const last = day.lastIndexOf(true);
    if (first >= 0) gaps += day.slice(first, last + 1).filter((b) => !b).length;
  }
  const actual = { meetings: result.assignments.length, priority, gaps };
  for (const key of ['meetings', 'priority', 'gaps'] as const) {
    if (result.objective[key] !== actual[key]) {
      problems.push(`objective ${key} is ${result.objective[key]}, actually ${actual[key]}`);
    }
  }
  return problems;
}
