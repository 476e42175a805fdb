import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRI, memberOf, STAFF_EMAIL } from './financing-fixtures';
import { startTestServer, type TestServer } from './support/server';

/**
 * The funnel report pages and files over HTTP, on the demo data (the completed forum of December
 * 2025): staff only, the same numbers in the page, the CSV and the XLSX, suppressed cells empty.
 */

let api: TestServer;
let staff: Record<string, string>;
let forumId: string;

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  staff = await api.as(STAFF_EMAIL);
  forumId = (await api.db.prisma.matchmakingSession.findUniqueOrThrow({ where: { slug: 'temu-bisnis-ikm-semarang-2025' } })).id;
});
afterAll(() => api.close());

const get = (path: string, headers: Record<string, string> = staff) => fetch(`${api.url}${path}`, { headers });

async function graphqlTotal() {
  const res = await api.gql(`{ funnelReport(dimension: FORUM, year: 2025) { rows { key label participants { value } meetingsHeld { value } deals { value } dealValue { value } leadsApproved { value suppressed } } } }`, {}, staff);
  expect(res.errors).toBeUndefined();
  return res.data!.funnelReport.rows as { key: string; label: string; participants: { value: number }; meetingsHeld: { value: number }; deals: { value: number }; dealValue: { value: string }; leadsApproved: { value: number | null; suppressed: boolean } }[];
}

describe('funnel report pages', () => {
  it('renders the HTML page of a year by forum and of one forum, with SVG charts and the GraphQL figures', async () => {
    const [row] = await graphqlTotal();
    expect(row!.key).toBe(forumId);
    expect(row!.participants.value).toBeGreaterThanOrEqual(5);
    for (const path of ['/reports/funnel/2025/forums', `/reports/funnel/2025/forums/${forumId}`]) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      const body = await res.text();
      expect(body).toContain('<svg');
      expect(body).toContain(row!.label);
      expect(body).toContain(`>${row!.participants.value}<`);
      expect(body).toContain('Metode');
    }
  });

  it('exports the same rows as CSV and XLSX, suppressed cells empty', async () => {
    const [row] = await graphqlTotal();
    const csv = await get('/reports/funnel/2025/forums.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('temu-bisnis-2025-forums.csv');
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3); // header, the forum, the total
    const cells = lines[1]!.split(',');
    expect(cells[1]).toBe(String(row!.participants.value));
    expect(cells[3]).toBe(String(row!.meetingsHeld.value));
    expect(cells[5]).toBe(row!.dealValue.value);
    expect(cells[10]).toBe(row!.leadsApproved.suppressed ? '' : String(row!.leadsApproved.value));

    const file = await get(`/reports/funnel/2025/forums/${forumId}.xlsx`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const parts = unzipSync(new Uint8Array(await file.arrayBuffer()));
    expect(Object.keys(parts).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain(`<c r="B2"><v>${row!.participants.value}</v></c>`);
    expect(sheet).toContain(`<c r="F2"><v>${row!.dealValue.value}</v></c>`);
    expect(sheet).toContain('Method: turnover');
  });

  it('is for staff only: 401 without credentials, 403 for a bank, 404 for an unknown path or forum', async () => {
    expect((await get('/reports/funnel/2025/forums', {})).status).toBe(401);
    expect((await get('/reports/funnel/2025/forums.csv', (await memberOf(api, BRI)).headers)).status).toBe(403);
    expect((await get('/reports/funnel/2025/kelurahan')).status).toBe(404);
    expect((await get('/reports/funnel/2025/districts/00000000-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await get('/reports/funnel/2025/forums/00000000-0000-7000-8000-000000000000')).status).toBe(404);
  });

  it('opens in a browser with ?token= and keeps the token on the download links', async () => {
    const token = staff.authorization!.replace(/^Bearer /, '');
    const res = await fetch(`${api.url}/reports/funnel/2025/sentra?token=${encodeURIComponent(token)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`/reports/funnel/2025/sentra.csv?token=${encodeURIComponent(token)}`);
  });

  it('is narrowed to a kabupaten/kota: its own for an office of one, any asked for by the provincial office', async () => {
    const demak = await api.as('petugas.ikm@disperin.demakkab.go.id');
    const province = await api.as('petugas.ikm@disperindag.jatengprov.go.id');
    const semarangCsv = await (await get('/reports/funnel/2025/districts.csv')).text();
    expect(await (await get('/reports/funnel/2025/districts.csv?regency=33.74', province)).text()).toBe(semarangCsv);
    expect(await (await get('/reports/funnel/2025/districts.csv', demak)).text()).toBe(
      await (await get('/reports/funnel/2025/districts.csv?regency=33.21', province)).text(),
    );
    expect((await get('/reports/funnel/2025/districts?regency=33.21')).status).toBe(403);
    const page = await (await get('/reports/funnel/2025/districts?regency=33.21', province)).text();
    expect(page).toContain('/reports/funnel/2025/districts.csv?regency=33.21');
  });
});
