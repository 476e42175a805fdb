import { describe, expect, it } from 'vitest';
import { type ForumFacts, mayEdit, meetingRequestsProblems, registrationProblems, transitionProblems } from '../../../src/domain/forum/lifecycle';

const now = new Date('2026-11-27T02:00:00.000Z');
const facts = (over: Partial<ForumFacts> = {}): ForumFacts => ({
  status: 'DRAFT',
  date: new Date('2027-02-17T00:00:00.000Z'),
  timeZone: 'Asia/Jakarta',
  registrationOpensAt: new Date('2026-11-02T01:00:00.000Z'),
  registrationClosesAt: new Date('2027-02-05T09:00:00.000Z'),
  meetingSlotCount: 11,
  tableCount: 8,
  firstSlotStartsAt: new Date('2027-02-17T02:00:00.000Z'),
  meetingCount: 0,
  ...over,
});
const codes = (...args: Parameters<typeof transitionProblems>) => transitionProblems(...args).map((p) => p.code);

describe('transitionProblems', () => {
  it('allows each action only from its status; final statuses allow nothing', () => {
    expect(codes('OPEN_REGISTRATION', facts(), now)).toEqual([]);
    expect(codes('PUBLISH_SCHEDULE', facts(), now)).toEqual(['INVALID_TRANSITION']);
    for (const status of ['COMPLETED', 'CANCELLED'] as const) {
      for (const action of ['OPEN_REGISTRATION', 'START_SCHEDULING', 'PUBLISH_SCHEDULE', 'START', 'COMPLETE', 'CANCEL'] as const) {
        expect(codes(action, facts({ status }), now)).toEqual(['INVALID_TRANSITION']);
      }
    }
    for (const status of ['DRAFT', 'REGISTRATION_OPEN', 'SCHEDULING', 'SCHEDULED', 'IN_PROGRESS'] as const) {
      expect(codes('CANCEL', facts({ status }), now)).toEqual([]);
    }
  });

  it('opens registration only with slots, tables and a window still open', () => {
    expect(codes('OPEN_REGISTRATION', facts({ meetingSlotCount: 0, tableCount: 0 }), now)).toEqual(['REQUIRED', 'REQUIRED']);
    expect(codes('OPEN_REGISTRATION', facts({ registrationClosesAt: new Date('2026-11-01T00:00:00.000Z') }), now)).toEqual(['IN_PAST']);
  });

  it('starts scheduling after the window closes, or earlier by staff decision', () => {
    const open = facts({ status: 'REGISTRATION_OPEN' });
    expect(transitionProblems('START_SCHEDULING', open, now)).toEqual([expect.objectContaining({ code: 'TOO_EARLY', field: ['closeRegistrationEarly'] })]);
    expect(codes('START_SCHEDULING', open, now, { closeRegistrationEarly: true })).toEqual([]);
    expect(codes('START_SCHEDULING', open, new Date('2027-02-05T09:00:00.000Z'))).toEqual([]);
  });

  it('publishes only a schedule with meetings; starts only on the forum day (WIB)', () => {
    expect(codes('PUBLISH_SCHEDULE', facts({ status: 'SCHEDULING' }), now)).toEqual(['REQUIRED']);
    expect(codes('PUBLISH_SCHEDULE', facts({ status: 'SCHEDULING', meetingCount: 3 }), now)).toEqual([]);
    const scheduled = facts({ status: 'SCHEDULED' });
    expect(codes('START', scheduled, new Date('2027-02-16T16:59:00.000Z'))).toEqual(['TOO_EARLY']);
    expect(codes('START', scheduled, new Date('2027-02-16T17:00:00.000Z'))).toEqual([]);
  });
});

describe('who may act when', () => {
  it('members register inside the window while REGISTRATION_OPEN; staff until the forum day is over', () => {
    const open = facts({ status: 'REGISTRATION_OPEN' });
    expect(registrationProblems(open, now, false)).toEqual([]);
    expect(registrationProblems(open, new Date('2026-11-01T00:00:00.000Z'), false).map((p) => p.code)).toEqual(['FORUM_NOT_OPEN']);
    expect(registrationProblems(open, new Date('2027-02-06T00:00:00.000Z'), false).map((p) => p.code)).toEqual(['FORUM_NOT_OPEN']);
    expect(registrationProblems(facts({ status: 'SCHEDULED' }), now, false).map((p) => p.code)).toEqual(['FORUM_NOT_OPEN']);
    expect(registrationProblems(facts({ status: 'SCHEDULED' }), now, true)).toEqual([]);
    expect(registrationProblems(facts({ status: 'COMPLETED' }), now, true).map((p) => p.code)).toEqual(['FORUM_NOT_OPEN']);
  });

  it('meeting requests run from registration to the forum day', () => {
    expect(meetingRequestsProblems('DRAFT', ['id'])).toHaveLength(1);
    expect(meetingRequestsProblems('IN_PROGRESS', ['id'])).toEqual([]);
    expect(meetingRequestsProblems('COMPLETED', ['id'])).toHaveLength(1);
  });

  it('the layout changes in DRAFT only; tables can be added until the schedule is published', () => {
    expect(mayEdit('LAYOUT', 'DRAFT')).toBe(true);
    expect(mayEdit('LAYOUT', 'REGISTRATION_OPEN')).toBe(false);
    expect(mayEdit('ADD_TABLES', 'SCHEDULED')).toBe(true);
    expect(mayEdit('ADD_TABLES', 'IN_PROGRESS')).toBe(false);
    expect(mayEdit('DETAILS', 'COMPLETED')).toBe(false);
  });
});
