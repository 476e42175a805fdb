import { SCOPE } from '@temu-bisnis/schema/auth/key-scopes';
import { missingScope, policies } from '@temu-bisnis/schema/auth/policies';
import { isAnonymous } from '@temu-bisnis/schema/auth/viewer';
import type { ExecutionResult, GraphQLError } from 'graphql';
import { parse } from 'graphql';
import type { Route } from './route';

/**
 * GET /exports/financing-leads.csv — the calling funder's financing leads as a CSV file, for the
 * spreadsheet of a credit team.
 *
 * - Authenticated like the API (`Authorization: Bearer <token or API key>`): 401 without valid
 *   credentials, 403 for anyone who is not a funder (a person of a FUNDER partner, or its API key
 *   with scope LEADS_READ).
 * - Filters: the fields of FinancingLeadFilter as query parameters (amountBand, amountAtLeast,
 *   amountAtMost, purpose, sector, kbliPrefix, districtCode, sentraId, sentraSlug, sizeClass,
 *   minBusinessAgeMonths, verdict, consentScope, status), and `orderBy` as FIELD or FIELD:DIRECTION
 *   items separated by commas (e.g. `orderBy=AMOUNT:DESC`). An unknown parameter or a bad value is
 *   a 400, never an empty file. The rows are exactly those of `financingLeads` with the same filter,
 *   so their number equals its totalCount, and the same privacy rules hold: identifying and
 *   exact-amount filters, and orderBy AMOUNT or CREATED_AT, only ever match leads under consent.
 * - The rows are read through the GraphQL schema itself (the financingLeads query), page by page
 *   with its cursor, and written as they arrive: consent checks, anonymisation and the audit of
 *   protected reads are the API's own, and the file is never held in memory. Each page's audit
 *   records are written with one INSERT. Consents are read as of the start of the export.
 * - UTF-8 with a byte-order mark (so Excel reads "Ñ" and "é" right), CRLF line ends, RFC 4180
 *   quoting (fields with a comma, quote or line break are quoted, quotes doubled). Rupiah are whole
 *   numbers without separators, dates ISO 8601, booleans true/false. Free text that would start an
 *   Excel formula (=, +, -, @) gets a leading apostrophe (see textCell).
 *
 * Columns (consent-protected ones are empty unless the enterprise's active consent covers them):
 *   lead_id            global ID of the FinancingLead
 *   status             your pipeline status (NEW when you have not acted on the lead)
 *   open               true while the need is open
 *   sector, district_code, district_name, amount_band, purpose   the anonymised lead (sector and
 *                      kecamatan empty where generalised for k-anonymity, see FinancingLead)
 *   consent_scopes     scopes you hold now, separated by ";"
 *   enterprise_name, nib                           any consent (the enterprise's identity)
 *   amount, tenor_months, collateral, need_created_at   scope NEEDS
 *   npwp, annual_turnover, business_capital, bookkeeping, has_financial_statements,
 *   current_credit, readiness_verdict, kur_scheme       scope FINANCIALS
 *   contact_name, contact_phone, contact_email     primary contact: name with any consent,
 *                                                  phone and e-mail with scope PROFILE
 *   assignee_email, rejection_reason, disbursed_amount, disbursed_on, review_updated_at
 *                                                  your own review, if any
 */
const LEADS_EXPORT_PATH = '/exports/financing-leads.csv';

/** The connection's maximum page size; each page is one GraphQL execution with a constant number of statements. */
export const EXPORT_PAGE_SIZE = 100;

export const EXPORT_COLUMNS = [
  'lead_id',
  'status',
  'open',
  'sector',
  'district_code',
  'district_name',
  'amount_band',
  'purpose',
  'consent_scopes',
  'enterprise_name',
  'nib',
  'amount',
  'tenor_months',
  'collateral',
  'need_created_at',
  'npwp',
  'annual_turnover',
  'business_capital',
  'bookkeeping',
  'has_financial_statements',
  'current_credit',
  'readiness_verdict',
  'kur_scheme',
  'contact_name',
  'contact_phone',
  'contact_email',
  'assignee_email',
  'rejection_reason',
  'disbursed_amount',
  'disbursed_on',
  'review_updated_at',
] as const;

const FILTER_PARAMS = new Set([
  'amountBand',
  'amountAtLeast',
  'amountAtMost',
  'purpose',
  'sector',
  'kbliPrefix',
  'districtCode',
  'sentraId',
  'sentraSlug',
  'sizeClass',
  'minBusinessAgeMonths',
  'verdict',
  'consentScope',
  'status',
]);
const INT_PARAMS = new Set(['minBusinessAgeMonths']);

const PAGE_QUERY = parse(/* GraphQL */ `
  query FinancingLeadsExport($first: Int!, $after: String, $filter: FinancingLeadFilter, $orderBy: [FinancingLeadOrder!]) {
    financingLeads(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        status
        open
        sector
        district {
          code
          name
        }
        amountBand
        purpose
        consentScopes
        enterprise {
          name
          nib
          npwp
          annualTurnover
          businessCapital
          bookkeeping
          hasFinancialStatements
          currentCredit
          contacts {
            name
            phone
            email
            isPrimary
          }
        }
        need {
          amount
          tenorMonths
          collateral
          createdAt
        }
        readiness {
          verdict
          scheme
        }
        review {
          rejectionReason
          disbursedAmount
          disbursedOn
          updatedAt
          assignee {
            email
          }
        }
      }
    }
  }
`);

type Cell = string | number | boolean | null | undefined;

interface LeadNode {
  id: string;
  status: string;
  open: boolean;
  sector: string | null;
  district: { code: string; name: string } | null;
  amountBand: string;
  purpose: string;
  consentScopes: string[];
  enterprise: {
    name: string;
    nib: string;
    npwp: string | null;
    annualTurnover: string | null;
    businessCapital: string | null;
    bookkeeping: string | null;
    hasFinancialStatements: boolean | null;
    currentCredit: string | null;
    contacts: { name: string; phone: string | null; email: string | null; isPrimary: boolean }[];
  } | null;
  need: { amount: string; tenorMonths: number; collateral: string; createdAt: string } | null;
  readiness: { verdict: string; scheme: string | null } | null;
  review: {
    rejectionReason: string | null;
    disbursedAmount: string | null;
    disbursedOn: string | null;
    updatedAt: string;
    assignee: { email: string } | null;
  } | null;
}

interface Page {
  financingLeads: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: LeadNode[] };
}

/** One CSV field under RFC 4180: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/**
 * Free text an enterprise typed (its name, collateral, contact name and e-mail) could start with
 * "=", "+", "-" or "@", which Excel runs as a formula (CSV injection). Such a cell is written with a
 * leading apostrophe, which Excel shows as text; system-formatted columns (IDs, amounts, E.164
 * phone numbers, dates) are written as they are.
 */
export function textCell(value: string | null | undefined): string | null | undefined {
  return value && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function rowOf(lead: LeadNode): Cell[] {
  const e = lead.enterprise;
  const contact = e?.contacts.find((c) => c.isPrimary) ?? e?.contacts[0];
  const r = lead.review;
  return [
    lead.id,
    lead.status,
    lead.open,
    lead.sector,
    lead.district?.code,
    lead.district?.name,
    lead.amountBand,
    lead.purpose,
    lead.consentScopes.join(';'),
    textCell(e?.name),
    e?.nib,
    lead.need?.amount,
    lead.need?.tenorMonths,
    textCell(lead.need?.collateral),
    lead.need?.createdAt,
    e?.npwp,
    e?.annualTurnover,
    e?.businessCapital,
    e?.bookkeeping,
    e?.hasFinancialStatements,
    e?.currentCredit,
    lead.readiness?.verdict,
    lead.readiness?.scheme,
    textCell(contact?.name),
    contact?.phone,
    textCell(contact?.email),
    r?.assignee?.email,
    r?.rejectionReason,
    r?.disbursedAmount,
    r?.disbursedOn,
    r?.updatedAt,
  ];
}

class BadRequest extends Error {}

/** Query parameters → GraphQL variables; anything unknown or malformed is a BadRequest. */
export function exportVariables(search: URLSearchParams): { filter: Record<string, unknown>; orderBy: unknown[] | null } {
  const filter: Record<string, unknown> = {};
  let orderBy: unknown[] | null = null;
  for (const [key, value] of search) {
    if (key === 'orderBy') {
      orderBy = value.split(',').map((item) => {
        const [field, direction = 'ASC'] = item.trim().split(':');
        return { field, direction: direction.toUpperCase() };
      });
    } else if (FILTER_PARAMS.has(key)) {
      if (key in filter) throw new BadRequest(`The query parameter ${key} is given twice.`);
      if (INT_PARAMS.has(key)) {
        if (!/^-?\d{1,9}$/.test(value)) throw new BadRequest(`${key} must be a whole number; got "${value}".`);
        filter[key] = Number(value);
      } else filter[key] = value;
    } else {
      throw new BadRequest(`Unknown query parameter "${key}". Filters: ${[...FILTER_PARAMS].join(', ')}; ordering: orderBy=FIELD[:DIRECTION].`);
    }
  }
  return { filter, orderBy };
}

function errorResponse(
  status: number,
  message: string,
  extra: Record<string, string> = {},
  details: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ error: { status, message, ...details } }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extra },
  });
}

export const leadsExportRoute: Route = {
  matches: (pathname) => pathname === LEADS_EXPORT_PATH,
  async serve({ request, url, auth, logger, context, execute, abort }) {
    try {
      if (request.method !== 'GET') return errorResponse(405, 'Use GET.', { allow: 'GET' });
      if ('error' in auth) return errorResponse(401, auth.error.message, { 'www-authenticate': 'Bearer' });
      const { viewer } = auth;
      if (isAnonymous(viewer)) {
        return errorResponse(401, 'Sign in or send an API key: Authorization: Bearer <token or API key>.', { 'www-authenticate': 'Bearer' });
      }
      // The policy of financingLeads itself, with the same FORBIDDEN shape (code and requiredScope).
      const missing = missingScope(viewer, policies.funder(SCOPE.LEADS_READ));
      if (missing !== null) {
        const message = 'Only funders (a person of a FUNDER partner, or its API key with scope LEADS_READ) can export financing leads.';
        return errorResponse(403, message, {}, { code: 'FORBIDDEN', requiredScope: missing });
      }
      let variables: ReturnType<typeof exportVariables>;
      try {
        variables = exportVariables(url.searchParams);
      } catch (error) {
        if (error instanceof BadRequest) return errorResponse(400, error.message);
        throw error;
      }

      // One context for every page: consents are read as of the start of the export. Each page is
      // one execution through yoga's plugins, whose audit step writes what the page disclosed
      // (one INSERT) before the page is sent.
      const contextValue = await context();
      const now = contextValue.now;
      const page = (after: string | null) => execute<Page>(PAGE_QUERY, { ...variables, first: EXPORT_PAGE_SIZE, after }, contextValue);

      let result = await page(null);
      if (result.errors?.length) {
        const error = result.errors[0] as GraphQLError;
        const code = error.extensions?.code;
        // A refusal by one of /graphql's plugins (a limit, the execution timeout) keeps its status.
        const status = (error.extensions?.http as { status?: number } | undefined)?.status;
        if (status) return errorResponse(status, error.message);
        if (code === 'BAD_USER_INPUT' || !result.data) return errorResponse(code === 'BAD_USER_INPUT' || !code ? 400 : 500, error.message);
        throw error;
      }

      // Pulled a page at a time as the client reads: the file is never held in memory.
      const encoder = new TextEncoder();
      let text = `\uFEFF${csvRow(EXPORT_COLUMNS)}`;
      let rows = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const connection = result.data!.financingLeads;
          for (const lead of connection.nodes) text += csvRow(rowOf(lead));
          rows += connection.nodes.length;
          controller.enqueue(encoder.encode(text));
          text = '';
          if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) {
            controller.close();
            logger.info('leads export', { rows, partnerId: viewer.partner?.id });
            return;
          }
          const next = await page(connection.pageInfo.endCursor).catch((error: unknown) => ({ errors: [error as GraphQLError] }) as ExecutionResult<Page>);
          if (next.errors?.length || !next.data) {
            // Headers are gone: end the body early so the client sees a truncated transfer, and log why.
            logger.error('leads export failed mid-stream', { error: next.errors?.[0]?.message, rows });
            abort();
            controller.close();
            return;
          }
          result = next;
        },
      });
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="financing-leads-${now.toISOString().slice(0, 10)}.csv"`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        },
      });
    } catch (error) {
      logger.error('leads export failed', { error });
      return errorResponse(500, 'Unexpected error.');
    }
  },
};
