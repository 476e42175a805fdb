import { parseNib } from '../identifiers/nib';
import { type Problem, problem } from '../problems';
import { parseTimeOfDay } from './time';

/**
 * The participant list Disperin keeps for a forum, as CSV (a spreadsheet saved as "CSV UTF-8"):
 * one row per organisation, a header row naming the columns (any order, any case).
 *
 * - name: the organisation's name (required);
 * - nib: the IKM's NIB, 13 digits (an IKM row); an IKM not in the registry yet is created;
 * - partner: the partner's slug in the registry (a partner row); created when missing;
 * - role: IKM, BUYER, SUPPLIER, DISTRIBUTOR or FUNDER (required);
 * - availability: empty or "all" for every meeting slot, else local times or ranges separated
 *   by ";" ("09:00;09:20", "09:00-11:00" = slots starting from 09:00 until before 11:00);
 * - cap: most meetings wanted, empty for no cap;
 * - attendees: people at the table, separated by ";" (optional);
 * - sector, district, founded: only for an IKM that is not in the registry yet (its sector as
 *   in the Sector enum, Kemendagri code 33.74.xx, founding date YYYY-MM-DD).
 *
 * Problems name the spreadsheet row (the header is row 1) and the column, never the value.
 */
export const ROSTER_COLUMNS = ['name', 'nib', 'partner', 'role', 'availability', 'cap', 'attendees', 'sector', 'district', 'founded'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];
export const ROSTER_ROLES = ['IKM', 'BUYER', 'SUPPLIER', 'DISTRIBUTOR', 'FUNDER'] as const;
export type RosterRole = (typeof ROSTER_ROLES)[number];
/** A 1,000-row sheet is five times the largest forum Disperin runs. */
export const ROSTER_MAX_ROWS = 1_000;
const NAME_MAX = 200;
const ATTENDEES_MAX = 5;

export interface RosterSlot {
  id: string;
  /** Local start, minutes after midnight. */
  startMinutes: number;
  isBreak: boolean;
}

export interface RosterRow {
  /** Spreadsheet row number (header = 1). */
  row: number;
  name: string;
  role: RosterRole;
  /** Set for an IKM row. */
  nib: string | null;
  /** Set for a partner row. */
  partnerSlug: string | null;
  slotIds: string[];
  meetingCap: number | null;
  attendees: string[];
  /** For an IKM to create: raw values, checked against the registry by the caller. */
  sector: string | null;
  districtCode: string | null;
  foundedOn: Date | null;
}

/**
 * Splits CSV text into records (RFC 4180: commas, double-quoted fields with "" for a quote,
 * CRLF or LF line ends; a UTF-8 byte-order mark is ignored). Null when a quote is left open.
 */
export function parseCsv(text: string): string[][] | null {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (quoted) return null;
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  // Blank lines (a trailing newline, an empty spreadsheet row) are not rows.
  return records.filter((r) => r.some((cell) => cell.trim() !== ''));
}

/**
 * Parses and checks a roster against the forum's slots: every row that passes, and a problem
 * for each cell that does not (field ['rows', row number, column]). Registry look-ups (does
 * this NIB exist, is this district known) are the caller's.
 */
export function parseRoster(text: string, slots: readonly RosterSlot[]): { rows: RosterRow[]; problems: Problem[] } {
  const records = parseCsv(text);
  if (!records) return { rows: [], problems: [problem('INVALID_VALUE', ['csv'], 'A quoted field is not closed: check the quotes in the file.')] };
  const [header, ...data] = records;
  if (!header) return { rows: [], problems: [problem('REQUIRED', ['csv'], 'The file is empty: it needs a header row and one row per participant.')] };
  const columns = header.map((h) => h.trim().toLowerCase());
  const problems: Problem[] = [];
  columns.forEach((c, i) => {
    if (!(ROSTER_COLUMNS as readonly string[]).includes(c)) {
      problems.push(problem('INVALID_VALUE', ['csv', 'header', String(i + 1)], `Column ${i + 1} of the header is not one of: ${ROSTER_COLUMNS.join(', ')}.`));
    }
  });
  for (const required of ['name', 'role'] as const) {
    if (!columns.includes(required)) problems.push(problem('REQUIRED', ['csv', 'header'], `The header has no "${required}" column.`));
  }
  if (!columns.includes('nib') && !columns.includes('partner')) {
    problems.push(problem('REQUIRED', ['csv', 'header'], 'The header needs a "nib" column (IKM) or a "partner" column (partners), or both.'));
  }
  if (data.length > ROSTER_MAX_ROWS) problems.push(problem('TOO_MANY', ['csv'], `At most ${ROSTER_MAX_ROWS} rows; the file has ${data.length}.`));
  if (data.length === 0) problems.push(problem('REQUIRED', ['csv'], 'The file has a header but no participant rows.'));
  if (problems.length > 0) return { rows: [], problems };

  const rows: RosterRow[] = [];
  const seen = new Map<string, number>();
  data.forEach((cells, i) => {
    const row = i + 2;
    const cell = (c: RosterColumn) => (cells[columns.indexOf(c)] ?? '').trim();
    const at = (c: RosterColumn) => ['rows', String(row), c];
    const before = problems.length;
    const name = cell('name');
    if (name === '') problems.push(problem('REQUIRED', at('name'), `Row ${row} has no name.`));
    else if (name.length > NAME_MAX) problems.push(problem('TOO_LONG', at('name'), `The name in row ${row} is longer than ${NAME_MAX} characters.`));
    const role = cell('role').toUpperCase() as RosterRole;
    if (!ROSTER_ROLES.includes(role)) problems.push(problem('INVALID_VALUE', at('role'), `The role in row ${row} is not one of ${ROSTER_ROLES.join(', ')}.`));
    const nibText = cell('nib');
    const slugText = cell('partner').toLowerCase();
    let nib: string | null = null;
    if (role === 'IKM') {
      const parsed = parseNib(nibText);
      if (!parsed.ok) problems.push(problem(parsed.code, at('nib'), `Row ${row} is an IKM: its NIB (Nomor Induk Berusaha) must be 13 digits.`));
      else nib = parsed.value;
    } else if (ROSTER_ROLES.includes(role) && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slugText)) {
      problems.push(problem('INVALID_VALUE', at('partner'), `Row ${row} is a partner: give its slug (a-z, 0-9 and dashes) in the partner column.`));
    }
    const key = nib ? `nib:${nib}` : `partner:${slugText}`;
    if ((nib || slugText) && seen.has(key)) {
      problems.push(problem('TAKEN', at(nib ? 'nib' : 'partner'), `Row ${row} names the same organisation as row ${seen.get(key)}.`));
    } else if (nib || slugText) seen.set(key, row);
    const slotIds = availabilityOf(cell('availability'), slots);
    if (!slotIds) {
      problems.push(problem('INVALID_VALUE', at('availability'), `Row ${row}: availability is "all", or start times (HH:MM) and ranges (HH:MM-HH:MM) of meeting slots separated by ";".`));
    }
    const meetingSlots = slots.filter((s) => !s.isBreak).length;
    const capText = cell('cap');
    const cap = capText === '' ? null : Number(capText);
    if (cap !== null && !(Number.isInteger(cap) && cap >= 1 && cap <= meetingSlots)) {
      problems.push(problem('INVALID_VALUE', at('cap'), `Row ${row}: cap is a whole number from 1 to ${meetingSlots} (the meeting slots), or empty for no cap.`));
    }
    const attendees = cell('attendees').split(';').map((a) => a.trim()).filter(Boolean);
    if (attendees.length > ATTENDEES_MAX) problems.push(problem('TOO_MANY', at('attendees'), `Row ${row}: at most ${ATTENDEES_MAX} attendees.`));
    const founded = cell('founded');
    const foundedOn = /^\d{4}-\d{2}-\d{2}$/.test(founded) && !Number.isNaN(Date.parse(`${founded}T00:00:00Z`)) ? new Date(`${founded}T00:00:00Z`) : null;
    if (founded !== '' && !foundedOn) problems.push(problem('INVALID_VALUE', at('founded'), `Row ${row}: the founding date is written YYYY-MM-DD.`));
    if (problems.length > before) return;
    rows.push({
      row,
      name,
      role,
      nib,
      partnerSlug: role === 'IKM' ? null : slugText,
      slotIds: slotIds!,
      meetingCap: cap,
      attendees,
      sector: cell('sector').toUpperCase() || null,
      districtCode: cell('district') || null,
      foundedOn,
    });
  });
  return { rows, problems };
}

/** Slot ids for an availability cell: every meeting slot for "" or "all"; null when a part names no meeting slot. */
function availabilityOf(text: string, slots: readonly RosterSlot[]): string[] | null {
  const meeting = slots.filter((s) => !s.isBreak);
  if (text === '' || text.toLowerCase() === 'all') return meeting.map((s) => s.id);
  const ids = new Set<string>();
  for (const part of text.split(';').map((p) => p.trim()).filter(Boolean)) {
    const [fromText, toText] = part.split('-');
    const from = parseTimeOfDay(fromText ?? '');
    const to = toText === undefined ? null : parseTimeOfDay(toText);
    if (from === null || (toText !== undefined && (to === null || to <= from))) return null;
    const hit = meeting.filter((s) => (to === null ? s.startMinutes === from : s.startMinutes >= from && s.startMinutes < to));
    if (hit.length === 0) return null;
    for (const s of hit) ids.add(s.id);
  }
  return meeting.filter((s) => ids.has(s.id)).map((s) => s.id);
}
