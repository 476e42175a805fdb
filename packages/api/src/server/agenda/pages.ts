import { formatIndonesianDate, localParts, localTime, zoneAbbreviation } from '@temu-bisnis/schema/domain/forum/time';
import { html, page, type SafeHtml } from './html';

/** The shapes the pages' GraphQL queries return (see index.ts). */
export interface ForumHead {
  id: string;
  title: string;
  venue: string;
  address: string;
  date: string;
  timeZone: string;
  status: string;
  district: { name: string } | null;
}

export interface AgendaItem {
  localStartTime: string;
  localEndTime: string;
  timeZone: string;
  tableName: string;
  status: string;
  checkedIn: boolean;
  counterpart: { name: string };
  counterpartProfile: {
    name: string;
    side: 'ENTERPRISE' | 'PARTNER';
    partnerKind: string | null;
    funderType: string | null;
    sectors: string[];
    districtName: string | null;
    summary: string;
    products: string[];
    offers: string | null;
  };
}

export interface AgendaParticipant {
  id: string;
  name: string;
  side: 'ENTERPRISE' | 'PARTNER';
  attendees: string[] | null;
  forum: { id: string };
  agenda: AgendaItem[] | null;
}

export interface WallPlan {
  tables: { name: string }[];
  rows: { label: string; isBreak: boolean; cells: { participantNames: string[]; status: string | null }[] }[];
}

const KIND_LABELS: Record<string, string> = {
  ENTERPRISE: 'IKM',
  BUYER: 'Pembeli',
  SUPPLIER: 'Pemasok bahan baku',
  DISTRIBUTOR: 'Distributor',
  FUNDER: 'Lembaga pembiayaan',
};

const STATUS_LABELS: Record<string, string> = {
  SCHEDULED: 'Terjadwal',
  HELD: 'Terlaksana',
  NO_SHOW: 'Tidak hadir',
  CANCELLED: 'Dibatalkan',
};

const FORUM_STATUS_LABELS: Record<string, string> = {
  DRAFT: 'Draf',
  REGISTRATION_OPEN: 'Pendaftaran dibuka',
  SCHEDULING: 'Penjadwalan',
  SCHEDULED: 'Jadwal terbit',
  IN_PROGRESS: 'Sedang berlangsung',
  COMPLETED: 'Selesai',
  CANCELLED: 'Dibatalkan',
};

function forumHeader(forum: ForumHead, kicker: string, title: SafeHtml | string): SafeHtml {
  const day = formatIndonesianDate(new Date(`${forum.date}T00:00:00.000Z`));
  return html`<header class="page">
  <div class="kicker">${kicker}</div>
  <h1>${title}</h1>
  <p><span class="who">${forum.title}</span></p>
  <p>${day} · ${forum.venue}${forum.district ? `, ${forum.district.name}` : ''}</p>
  ${forum.address ? html`<p class="muted">${forum.address}</p>` : ''}
  <p class="muted">Status: ${FORUM_STATUS_LABELS[forum.status] ?? forum.status} · Waktu setempat (${zoneAbbreviation(forum.timeZone)})</p>
</header>`;
}

function printedLine(now: Date, timeZone: string): SafeHtml {
  const day = formatIndonesianDate(new Date(`${localParts(now, timeZone).date}T00:00:00.000Z`));
  return html`<footer class="page">Dicetak ${day}, ${localTime(now, timeZone)} ${zoneAbbreviation(timeZone)} dari Temu Bisnis IKM — Dinas Perindustrian Kota Semarang.</footer>`;
}

function kindOf(profile: AgendaItem['counterpartProfile']): string {
  return profile.side === 'ENTERPRISE' ? KIND_LABELS.ENTERPRISE! : (KIND_LABELS[profile.partnerKind ?? ''] ?? 'Mitra');
}

/** A participant's agenda: one row per meeting, in time order. */
export function agendaPage(forum: ForumHead, participant: AgendaParticipant, now: Date): string {
  const items = participant.agenda ?? [];
  const rows = items.map((item) => {
    const p = item.counterpartProfile;
    const detail = p.side === 'ENTERPRISE' ? (p.products.length > 0 ? `Produk: ${p.products.join(', ')}` : '') : (p.offers ?? '');
    return html`<tr>
  <td class="time" data-label="Waktu">${item.localStartTime}–${item.localEndTime} ${item.timeZone}</td>
  <td data-label="Meja"><strong>${item.tableName}</strong></td>
  <td data-label="Dengan"><span class="who">${item.counterpart.name}</span> <span class="badge">${kindOf(p)}</span>${p.districtName ? html`<br><span class="muted">${p.districtName}</span>` : ''}</td>
  <td data-label="Profil" class="profile">${p.summary}${detail ? html`<br><span class="muted">${detail}</span>` : ''}</td>
  <td data-label="Status">${STATUS_LABELS[item.status] ?? item.status}${item.checkedIn ? ' ✓' : ''}</td>
</tr>`;
  });
  const attendees = participant.attendees?.length ? html`<p>Peserta hadir: ${participant.attendees.join(', ')}</p>` : '';
  const body = html`${forumHeader(forum, 'Agenda pertemuan bisnis', participant.name)}
<section>
  <p><span class="badge">${KIND_LABELS[participant.side === 'ENTERPRISE' ? 'ENTERPRISE' : 'PARTNER'] ?? 'Mitra'}</span> ${items.length} pertemuan</p>
  ${attendees}
</section>
<h2>Jadwal</h2>
${
  items.length === 0
    ? html`<p class="empty">Belum ada pertemuan terjadwal.</p>`
    : html`<table class="cards">
  <thead><tr><th>Waktu</th><th>Meja</th><th>Dengan</th><th>Profil singkat</th><th>Status</th></tr></thead>
  <tbody>
${rows}
  </tbody>
</table>`
}
<p class="muted">Mohon hadir di meja 5 menit sebelum waktu pertemuan dan lakukan check-in di meja registrasi.</p>
${printedLine(now, forum.timeZone)}`;
  return page({ title: `Agenda ${participant.name} — ${forum.title}`, body });
}

/** The wall plan: slots down, tables across. */
export function wallPlanPage(forum: ForumHead, plan: WallPlan, now: Date): string {
  const header = html`<tr><th>Waktu</th>${plan.tables.map((t) => html`<th>${t.name}</th>`)}</tr>`;
  const rows = plan.rows.map((row) =>
    row.isBreak
      ? html`<tr class="break"><td class="time">${row.label}</td><td colspan="${plan.tables.length}">Istirahat</td></tr>`
      : html`<tr><td class="time">${row.label}</td>${row.cells.map((cell) =>
          cell.participantNames.length === 0
            ? html`<td class="free">—</td>`
            : html`<td>${cell.participantNames.map((n, i) => html`${i > 0 ? html`<br>× ` : ''}${n}`)}</td>`,
        )}</tr>`,
  );
  const meetings = plan.rows.reduce((sum, r) => sum + r.cells.filter((c) => c.participantNames.length > 0).length, 0);
  const body = html`${forumHeader(forum, 'Denah meja', 'Jadwal meja pertemuan')}
<p>${meetings} pertemuan di ${plan.tables.length} meja.</p>
<div class="scroll"><table class="grid">
  <thead>${header}</thead>
  <tbody>
${rows}
  </tbody>
</table></div>
${printedLine(now, forum.timeZone)}`;
  return page({ title: `Denah meja — ${forum.title}`, body, landscape: true, wide: true });
}

export function errorPage(status: number, message: string): string {
  const titles: Record<number, string> = {
    400: 'Permintaan tidak valid',
    401: 'Perlu masuk (sign in)',
    403: 'Tidak diizinkan',
    404: 'Tidak ditemukan',
    405: 'Metode tidak didukung',
    500: 'Terjadi kesalahan',
  };
  const title = titles[status] ?? 'Kesalahan';
  return page({ title, body: html`<header class="page"><div class="kicker">Temu Bisnis IKM</div><h1>${title}</h1></header><p>${message}</p>` });
}
