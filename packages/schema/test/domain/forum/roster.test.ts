import { describe, expect, it } from 'vitest';
import { parseCsv, parseRoster, type RosterSlot } from '../../../src/domain/forum/roster';

// 09:00, 09:20, break 09:40, 10:00.
const slots: RosterSlot[] = [
  { id: 's1', startMinutes: 540, isBreak: false },
  { id: 's2', startMinutes: 560, isBreak: false },
  { id: 'b', startMinutes: 580, isBreak: true },
  { id: 's3', startMinutes: 600, isBreak: false },
];

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF, a BOM, and skips blank lines', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n\n"two\nlines",z\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', 'z'],
    ]);
    expect(parseCsv('a,"open')).toBeNull();
  });
});

describe('parseRoster', () => {
  it('reads IKM and partner rows: availability as times and ranges, cap, attendees', () => {
    const { rows, problems } = parseRoster(
      'Name,NIB,Partner,Role,Availability,Cap,Attendees\nBatik A,1234567890123,,ikm,09:00-10:00,2,Bu Sri;Pak Joko\nMitra B,,mitra-b,BUYER,10:00;09:00,,\nMitra C,,mitra-c,FUNDER,all,3,',
      slots,
    );
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.row, r.role, r.nib, r.partnerSlug, r.slotIds, r.meetingCap, r.attendees])).toEqual([
      [2, 'IKM', '1234567890123', null, ['s1', 's2'], 2, ['Bu Sri', 'Pak Joko']],
      [3, 'BUYER', null, 'mitra-b', ['s1', 's3'], null, []],
      [4, 'FUNDER', null, 'mitra-c', ['s1', 's2', 's3'], 3, []],
    ]);
  });

  it('caps at the boundaries: 1 and the meeting slots pass, 0 and one more do not', () => {
    const cap = (c: string) => parseRoster(`name,partner,role,cap\nM,mitra-m,BUYER,${c}`, slots).problems.map((p) => p.code);
    expect(cap('1')).toEqual([]);
    expect(cap('3')).toEqual([]);
    expect(cap('0')).toEqual(['INVALID_VALUE']);
    expect(cap('4')).toEqual(['INVALID_VALUE']);
  });

  it('names row and column of every problem, never the value; a break or an unknown time is no availability', () => {
    const { rows, problems } = parseRoster(
      'name,nib,partner,role,availability\nA,12AB,,IKM,all\nB,,mitra-b,BUYER,09:40\nC,,mitra-b,BUYER,all\n,,mitra-d,KING,11:00',
      slots,
    );
    expect(rows).toEqual([]);
    expect(problems.map((p) => `${p.field.join('.')}:${p.code}`)).toEqual([
      'rows.2.nib:INVALID_NIB',
      'rows.3.availability:INVALID_VALUE',
      'rows.4.partner:TAKEN',
      'rows.5.name:REQUIRED',
      'rows.5.role:INVALID_VALUE',
      'rows.5.availability:INVALID_VALUE',
    ]);
    for (const p of problems) for (const value of ['12AB', 'KING', '11:00', '09:40']) expect(p.message).not.toContain(value);
  });

  it('refuses a header without the needed columns, an unknown column, and an empty file', () => {
    expect(parseRoster('name,colour\nA,red', slots).problems.map((p) => p.code).sort()).toEqual(['INVALID_VALUE', 'REQUIRED', 'REQUIRED']);
    expect(parseRoster('', slots).problems.map((p) => p.code)).toEqual(['REQUIRED']);
    expect(parseRoster('name,nib,role', slots).problems.map((p) => p.code)).toEqual(['REQUIRED']);
  });
});
