import { html, page, SafeHtml } from '../agenda/html';
import { type Cell, COLUMNS, type FunnelData, type FunnelRowData } from './table';

/**
 * The printable funnel report: server-rendered SVG charts (no script; the CSP allows none) and the
 * table. The SVGs scale with a viewBox, so one drawing serves a phone, a desk screen and A4 paper;
 * print CSS keeps each chart and table row whole on a page.
 */

const rupiah = (v: string | number) => `Rp${BigInt(v).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
const number = (v: number) => v.toLocaleString('id-ID');

function shown(cell: Cell, kind: 'count' | 'money' | 'percent'): string {
  if (cell.suppressed || cell.value === null) return '—';
  if (kind === 'money') return rupiah(cell.value);
  if (kind === 'percent') return `${Number(cell.value).toLocaleString('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
  return number(Number(cell.value));
}

const STAGES: readonly [string, (r: FunnelRowData) => Cell][] = [
  ['Peserta IKM', (r) => r.participants],
  ['Permintaan temu', (r) => r.meetingRequests],
  ['Pertemuan terlaksana', (r) => r.meetingsHeld],
  ['Kesepakatan', (r) => r.deals],
  ['Tindak lanjut 3 bln', (r) => r.followUps3],
  ['Tindak lanjut 6 bln', (r) => r.followUps6],
  ['Kebutuhan pembiayaan', (r) => r.financingNeeds],
  ['Lead dihubungi', (r) => r.leadsContacted],
  ['Lead disetujui', (r) => r.leadsApproved],
  ['Lead dicairkan', (r) => r.leadsDisbursed],
];

/** Horizontal bars, one per stage; a suppressed stage is an outlined bar marked as hidden. */
export function funnelChart(row: FunnelRowData, title: string): SafeHtml {
  const values = STAGES.map(([, of]) => of(row));
  const max = Math.max(1, ...values.map((c) => (c.suppressed ? 0 : Number(c.value))));
  const barH = 26;
  const gap = 8;
  const left = 200;
  const width = 620;
  const plot = width - left - 70;
  const height = STAGES.length * (barH + gap) + 10;
  const bars = STAGES.map(([label], i) => {
    const c = values[i]!;
    const y = 5 + i * (barH + gap);
    const w = c.suppressed ? plot : Math.max(2, (Number(c.value) / max) * plot);
    return html`<g>
<text x="${left - 8}" y="${y + barH * 0.68}" text-anchor="end" font-size="15">${label}</text>
${c.suppressed
  ? html`<rect x="${left}" y="${y}" width="${w}" height="${barH}" fill="url(#hatch)" stroke="#888" stroke-dasharray="4 3"/><text x="${left + 8}" y="${y + barH * 0.68}" font-size="14" fill="#333">disembunyikan: dari kurang dari 5 IKM</text>`
  : html`<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barH}" fill="#0b5d3b"/><text x="${(left + w + 6).toFixed(1)}" y="${y + barH * 0.68}" font-size="15" font-weight="600">${number(Number(c.value))}</text>`}
</g>`;
  });
  return html`<figure class="chart"><svg viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${title}" xmlns="http://www.w3.org/2000/svg">
<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#ccc" stroke-width="2"/></pattern></defs>
${bars}</svg><figcaption>${title}</figcaption></figure>`;
}

/** Two bars from a zero line: participants' turnover growth and the comparison's, in percent. */
export function growthChart(row: FunnelRowData, title: string): SafeHtml {
  const g = row.turnoverGrowth;
  if (g.participantsPercent.suppressed || g.comparisonPercent.suppressed) {
    return html`<p class="empty">${title}: disembunyikan, karena peserta atau pembanding yang terukur kurang dari 5 IKM, atau agar total tidak membuka baris lain.</p>`;
  }
  const items: [string, number, string][] = [
    ['Peserta forum', Number(g.participantsPercent.value), '#0b5d3b'],
    ['Pembanding bukan peserta', Number(g.comparisonPercent.value), '#8a8a8a'],
  ];
  const span = Math.max(5, ...items.map(([, v]) => Math.abs(v)));
  const width = 620;
  const left = 230;
  const plot = (width - left - 80) / 2;
  const zero = left + plot;
  const bars = items.map(([label, v, colour], i) => {
    const y = 10 + i * 40;
    const w = (Math.abs(v) / span) * plot;
    const x = v >= 0 ? zero : zero - w;
    const text = `${v.toLocaleString('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;
    return html`<text x="${left - 8}" y="${y + 19}" text-anchor="end" font-size="15">${label}</text>
<rect x="${x.toFixed(1)}" y="${y}" width="${Math.max(1, w).toFixed(1)}" height="28" fill="${colour}"/>
<text x="${(v >= 0 ? zero + w + 6 : zero - w - 6).toFixed(1)}" y="${y + 19}" text-anchor="${v >= 0 ? 'start' : 'end'}" font-size="15" font-weight="600">${text}</text>`;
  });
  return html`<figure class="chart"><svg viewBox="0 0 ${width} 95" width="100%" role="img" aria-label="${title}" xmlns="http://www.w3.org/2000/svg">
${bars}<line x1="${zero}" y1="4" x2="${zero}" y2="92" stroke="#111"/></svg>
<figcaption>${title}: ${number(Number(g.participants.value))} peserta terukur, ${number(Number(g.comparables.value))} IKM pembanding.</figcaption></figure>`;
}

function table(rows: readonly FunnelRowData[]): SafeHtml {
  return html`<div class="scroll"><table class="report">
<thead><tr><th>Kelompok</th>${COLUMNS.map((c) => html`<th>${c.header}</th>`)}</tr></thead>
<tbody>${rows.map(
    (r) => html`<tr${r.key === 'total' ? html` class="total"` : ''}><th scope="row">${r.key === 'total' ? 'Semua (total)' : r.label}</th>${COLUMNS.map(
      (c) => html`<td data-label="${c.header}" class="${c.of(r).suppressed ? 'hidden' : 'num'}">${shown(c.of(r), c.kind)}</td>`,
    )}</tr>`,
  )}</tbody></table></div>`;
}

const REPORT_CSS = `
figure.chart{margin:.5rem 0 1rem;break-inside:avoid;page-break-inside:avoid}
figure.chart figcaption{font-size:.85rem;color:#444}
table.report{font-size:.8rem;min-width:70rem}
table.report td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.report td.hidden{text-align:center;color:#777}
table.report tr.total{font-weight:700;background:#f4f4f4}
.charts{display:grid;grid-template-columns:1fr;gap:.5rem}
@media (min-width:900px){.charts{grid-template-columns:1fr 1fr}}
nav.downloads a{margin-right:1rem}
section.method{font-size:.85rem;color:#333;border-left:3px solid #0b5d3b;padding-left:.6rem}
@media (max-width:640px){table.report{min-width:0}table.report thead{display:none}table.report,table.report tbody,table.report tr,table.report td,table.report th{display:block;width:100%}
table.report tr{border:1px solid #bbb;border-radius:.4rem;margin:0 0 .75rem}table.report td{border:none;text-align:left!important;white-space:normal!important}
table.report td::before{content:attr(data-label) ": ";font-weight:600;color:#0b5d3b}}
@media print{.charts{display:block}figure.chart svg{max-width:125mm}table.report{min-width:0;font-size:6.5pt}table.report th,table.report td{padding:.15rem .2rem}
section.row{break-inside:avoid;page-break-inside:avoid}}
`;

const DIMENSION_NAME: Record<string, string> = { FORUM: 'forum', SENTRA: 'sentra', DISTRICT: 'kecamatan', SECTOR: 'sektor' };

export function reportPage(data: FunnelData, focus: FunnelRowData | null, links: { csv: string; xlsx: string }, method: string, now: Date): string {
  const subject = focus ? focus.label : `per ${DIMENSION_NAME[data.dimension]}`;
  const title = `Laporan Temu Bisnis ${data.year}: ${subject}`;
  const main = focus ?? data.total;
  const body = html`<style>${new SafeHtml(REPORT_CSS)}</style>
<header class="page"><div class="kicker">Disperin Kota Semarang · Temu Bisnis IKM</div>
<h1>${title}</h1>
<p class="muted">Dari forum ke kesepakatan ke kredit, tahun ${data.year}. Dibuat ${now.toISOString().slice(0, 10)}. Sel dari kurang dari 5 IKM disembunyikan (—), begitu pula satu baris lagi bila total dikurangi baris yang tampil akan membuka angka kurang dari 5 IKM.</p>
<nav class="downloads no-print"><a href="${links.csv}">Unduh CSV</a><a href="${links.xlsx}">Unduh XLSX</a></nav></header>
${data.rows.length === 0
  ? html`<p class="empty">Belum ada forum pada tahun ${data.year}.</p>`
  : html`<div class="charts">${funnelChart(main, focus ? `Corong ${focus.label}` : `Corong semua peserta ${data.year}`)}${growthChart(main, 'Pertumbuhan omzet')}</div>
<h2>${focus ? 'Angka' : `Per ${DIMENSION_NAME[data.dimension]}`}</h2>
${table(focus ? [focus, data.total] : [...data.rows, data.total])}
${focus ? '' : html`<h2>Pertumbuhan omzet per ${DIMENSION_NAME[data.dimension]}</h2>${data.rows.map((r) => html`<section class="row"><h3>${r.label}</h3>${growthChart(r, 'Pertumbuhan omzet')}</section>`)}`}`}
<section class="method"><h2>Metode</h2><p>${method}</p></section>
<footer class="page">Temu Bisnis · Dinas Perindustrian Kota Semarang. Hanya untuk petugas Disperin.</footer>`;
  return page({ title, body, landscape: false });
}
