import { GROWTH_METHOD } from '@temu-bisnis/schema/domain/report/funnel';
import { isAnonymous } from '@temu-bisnis/schema/auth/viewer';
import { parse } from 'graphql';
import { errorPage } from '../agenda/pages';
import type { Route } from '../route';
import { reportPage } from './page';
import { type FunnelData, FUNNEL_QUERY, matrix, toCsv } from './table';
import { xlsx } from './xlsx';

/**
 * The funnel report as pages and files, for Disperin staff, beside /graphql:
 *
 *   GET /reports/funnel/:year/:by            by = forums | sentra | districts | sectors: every group
 *   GET /reports/funnel/:year/:by/:id        by = forums | sentra: one forum or sentra (UUID, or "none" for independent IKM)
 *
 * Each ends in nothing (HTML page with SVG charts), `.csv` or `.xlsx`. The route runs the
 * funnelReport query as the caller through yoga's execution (route.ts), so staff-only access,
 * k = 5 suppression and the limits are the API's own. Credentials as for the forum pages: the
 * Authorization header, or `?token=` with a person's sign-in token so the page opens in a browser.
 * `?regency=33.74` narrows to one kabupaten/kota (the provincial office's choice; a kabupaten/kota's
 * own staff always see their own).
 */
export const REPORT_PAGE_PREFIX = '/reports/';

const DIMENSIONS: Record<string, { dimension: string; single: boolean }> = {
  forums: { dimension: 'FORUM', single: true },
  sentra: { dimension: 'SENTRA', single: true },
  districts: { dimension: 'DISTRICT', single: false },
  sectors: { dimension: 'SECTOR', single: false },
};

const PATH = /^\/reports\/funnel\/(\d{4})\/(forums|sentra|districts|sectors)(?:\/([0-9a-f-]{36}|none))?(\.csv|\.xlsx)?$/;
const DOCUMENT = parse(FUNNEL_QUERY);

const SECURITY = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

function htmlResponse(status: number, body: string, extra: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      ...SECURITY,
      ...extra,
    },
  });
}

export const reportPagesRoute: Route = {
  matches: (pathname) => pathname.startsWith(REPORT_PAGE_PREFIX),
  serve: async (route) => {
    const { request, url, auth, logger } = route;
    const fail = (status: number, message: string) =>
      htmlResponse(status, errorPage(status, message), status === 401 ? { 'www-authenticate': 'Bearer' } : {});
    try {
      if (request.method !== 'GET') return fail(405, 'Gunakan GET.');
      const match = PATH.exec(url.pathname);
      const by = match ? DIMENSIONS[match[2]!] : undefined;
      if (!match || !by || (match[3] && !by.single)) return fail(404, 'Laporan ini tidak ada.');
      if ('error' in auth) return fail(401, 'Token tidak dikenal, kedaluwarsa atau dicabut. Silakan masuk kembali.');
      const year = Number(match[1]);
      const context = await route.context();
      const regencyCode = url.searchParams.get('regency');
      const result = await route.execute<{ funnelReport: FunnelData }>(DOCUMENT, { dimension: by.dimension, year, regencyCode }, context);
      if (result.errors?.length) {
        const code = result.errors[0]!.extensions?.code;
        if (code === 'UNAUTHENTICATED' || isAnonymous(auth.viewer)) return fail(401, 'Masuk dulu: kirim header Authorization: Bearer <token>, atau buka tautan dengan ?token=<token masuk>.');
        if (code === 'FORBIDDEN') return fail(403, 'Laporan ini hanya untuk petugas Disperin (kabupaten/kota lain: petugas kabupaten/kota itu atau provinsi).');
        if (code === 'BAD_USER_INPUT') return fail(404, 'Laporan ini tidak ada.');
        throw result.errors[0];
      }
      const data = result.data!.funnelReport;
      const focus = match[3] ? (data.rows.find((r) => r.key === match[3]) ?? null) : null;
      if (match[3] && !focus) return fail(404, 'Forum atau sentra ini tidak punya peserta pada tahun itu.');
      const shown: FunnelData = focus ? { ...data, rows: [focus] } : data;
      const base = url.pathname.replace(/\.(csv|xlsx)$/, '');
      const name = `temu-bisnis-${year}-${match[2]}${match[3] ? `-${match[3]}` : ''}`;
      // The page's links to its files keep the sign-in token and the kabupaten/kota.
      const kept = new URLSearchParams([...url.searchParams].filter(([key]) => key === 'token' || key === 'regency'));
      const query = kept.size > 0 ? `?${kept}` : '';
      if (match[4] === '.csv') {
        return new Response(toCsv(shown), {
          headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"`, ...SECURITY },
        });
      }
      if (match[4] === '.xlsx') {
        const { header, rows } = matrix(shown);
        const body = xlsx(`Temu Bisnis ${year}`, [header, ...rows, [], [GROWTH_METHOD]]);
        return new Response(new Uint8Array(body), {
          headers: {
            'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'content-disposition': `attachment; filename="${name}.xlsx"`,
            ...SECURITY,
          },
        });
      }
      return htmlResponse(200, reportPage(data, focus, { csv: `${base}.csv${query}`, xlsx: `${base}.xlsx${query}` }, GROWTH_METHOD, context.now));
    } catch (error) {
      logger.error('report page failed', { error: error instanceof Error ? error.message : String(error) });
      return fail(500, 'Terjadi kesalahan. Coba lagi nanti.');
    }
  },
};
