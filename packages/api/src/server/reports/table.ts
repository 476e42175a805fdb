/**
 * The funnel as the report pages and exports show it: the GraphQL answer of funnelReport, one row
 * per group, flattened into columns. A suppressed cell is null everywhere (an empty CSV/XLSX cell,
 * "—" on the page), never zero.
 */
export type Cell = { value: number | string | null; suppressed: boolean };

export type FunnelRowData = {
  key: string;
  label: string;
  participants: Cell;
  meetingRequests: Cell;
  meetingsHeld: Cell;
  deals: Cell;
  dealValue: Cell;
  followUps3: Cell;
  followUps6: Cell;
  financingNeeds: Cell;
  leadsContacted: Cell;
  leadsApproved: Cell;
  approvedValue: Cell;
  leadsDisbursed: Cell;
  disbursedValue: Cell;
  /** Null by forum: a delivery belongs to no forum. */
  consortiumDeliveries: Cell | null;
  consortiumDeliveringIkm: Cell | null;
  turnoverGrowth: { participantsPercent: Cell; comparisonPercent: Cell; participants: Cell; comparables: Cell };
};

export type FunnelData = { dimension: string; year: number; rows: FunnelRowData[]; total: FunnelRowData };

const CELL = 'value suppressed';
const ROW = `key label participants { ${CELL} } meetingRequests { ${CELL} } meetingsHeld { ${CELL} } deals { ${CELL} }
  dealValue { ${CELL} } followUps3 { ${CELL} } followUps6 { ${CELL} } financingNeeds { ${CELL} } leadsContacted { ${CELL} }
  leadsApproved { ${CELL} } approvedValue { ${CELL} } leadsDisbursed { ${CELL} } disbursedValue { ${CELL} }
  consortiumDeliveries { ${CELL} } consortiumDeliveringIkm { ${CELL} }
  turnoverGrowth { participantsPercent { ${CELL} } comparisonPercent { ${CELL} } participants { ${CELL} } comparables { ${CELL} } }`;

export const FUNNEL_QUERY = `query FunnelReportPage($dimension: ReportDimension!, $year: Int!, $regencyCode: String) {
  funnelReport(dimension: $dimension, year: $year, regencyCode: $regencyCode) { dimension year rows { ${ROW} } total { ${ROW} } } }`;

/** A figure the dimension has not (deliveries by forum): empty, like a suppressed cell, but not hidden. */
const NOT_TIED: Cell = { value: null, suppressed: false };

export type Column = { header: string; kind: 'count' | 'money' | 'percent'; of: (r: FunnelRowData) => Cell };

/** Every figure column, in funnel order; the same list builds the page table, the CSV and the XLSX. */
export const COLUMNS: readonly Column[] = [
  { header: 'Peserta IKM (participants)', kind: 'count', of: (r) => r.participants },
  { header: 'Permintaan temu (meeting requests)', kind: 'count', of: (r) => r.meetingRequests },
  { header: 'Pertemuan terlaksana (meetings held)', kind: 'count', of: (r) => r.meetingsHeld },
  { header: 'Kesepakatan (deals)', kind: 'count', of: (r) => r.deals },
  { header: 'Nilai kesepakatan, Rp (deal value)', kind: 'money', of: (r) => r.dealValue },
  { header: 'Tindak lanjut 3 bulan (follow-ups, 3 months)', kind: 'count', of: (r) => r.followUps3 },
  { header: 'Tindak lanjut 6 bulan (follow-ups, 6 months)', kind: 'count', of: (r) => r.followUps6 },
  { header: 'Kebutuhan pembiayaan (financing needs)', kind: 'count', of: (r) => r.financingNeeds },
  { header: 'Lead dihubungi (leads contacted)', kind: 'count', of: (r) => r.leadsContacted },
  { header: 'Lead disetujui (leads approved)', kind: 'count', of: (r) => r.leadsApproved },
  { header: 'Nilai disetujui, Rp (approved value)', kind: 'money', of: (r) => r.approvedValue },
  { header: 'Lead dicairkan (leads disbursed)', kind: 'count', of: (r) => r.leadsDisbursed },
  { header: 'Nilai dicairkan, Rp (disbursed value)', kind: 'money', of: (r) => r.disbursedValue },
  { header: 'Pengiriman konsorsium (consortium deliveries)', kind: 'count', of: (r) => r.consortiumDeliveries ?? NOT_TIED },
  { header: 'IKM yang mengirim (IKM delivering)', kind: 'count', of: (r) => r.consortiumDeliveringIkm ?? NOT_TIED },
  { header: 'Pertumbuhan omzet peserta, % (participants turnover growth)', kind: 'percent', of: (r) => r.turnoverGrowth.participantsPercent },
  { header: 'Pertumbuhan omzet pembanding, % (comparable non-participants)', kind: 'percent', of: (r) => r.turnoverGrowth.comparisonPercent },
];

/** The header row and one row per group and the total, as plain values (null where suppressed). */
export function matrix(data: FunnelData): { header: string[]; rows: SheetValue[][] } {
  const value = (c: Column, r: FunnelRowData): SheetValue => {
    const v = c.of(r).value;
    // Money is a string of whole rupiah in GraphQL; a bigint keeps every digit and is a number in the sheet.
    return v !== null && c.kind === 'money' ? BigInt(v) : v;
  };
  return {
    header: ['Kelompok (group)', ...COLUMNS.map((c) => c.header)],
    rows: [...data.rows, data.total].map((r) => [r.key === 'total' ? 'Semua (total)' : r.label, ...COLUMNS.map((c) => value(c, r))]),
  };
}

/** A value of an exported cell: text, a count or percentage, an amount in rupiah, or empty. */
export type SheetValue = string | number | bigint | null;

/** RFC 4180 CSV with CRLF line ends; a leading =, +, - or @ is quoted with an apostrophe against formula injection. */
export function toCsv(data: FunnelData): string {
  const { header, rows } = matrix(data);
  const field = (v: SheetValue) => {
    if (v === null) return '';
    let text = String(v);
    if (typeof v === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${[header, ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}
