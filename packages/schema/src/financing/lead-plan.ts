import { encodeGlobalID } from '@pothos/plugin-relay';
import { type FieldNode, getNamedType, type GraphQLObjectType, isObjectType, type SelectionSetNode } from 'graphql';
import { auditInsert } from '../audit/log';
import { callingFunderOf } from '../auth/policies';
import { protectedReadEntry, READ_PROTECTED } from '../consent/access';
import type { Context } from '../context';
import { amountBand, type ConsentScope, type FunderType } from '../domain/consent';
import { NO_ID, uuidsV7 } from '../domain/identifiers/uuid';
import type { ReadinessInput } from '../domain/readiness';
import type { LeadStatus } from '../generated/prisma/enums';
import { objectSql, type PlannedRead, plainFields } from '../planner/compile';
import { isoSql } from '../planner/fields';
import { pageOfIds, type Paging } from '../planner/page';
import { AUDITED, funderIdOf, leadAccess, leadConsentScopes, leadIdentityShown, leadOpen, leadReadiness, leadStatus } from './lead-view';

/**
 * A funder's page of leads read in one statement (planner/): the lead, its enterprise's grants to
 * the caller, the caller's review and, when asked for, the readiness figures and the enterprise's
 * public fields. What the caller may see is then decided row by row by lead-view.ts, the functions
 * the FinancingLead resolvers use, so disclosure and audit records are the resolvers' own. A
 * selection with anything else (sector, district, need, review, a rule list) runs through the
 * resolvers. The page's ids themselves are read here too when nothing narrows or sorts it
 * (plainLeadPage, at the end).
 *
 * Parameters: $1 the leads' ids, $2 the request's instant (also for the enterprise's planned
 * fields: planner/compile.ts), $3 the calling funder, $4 its type, $5 the partner whose review
 * status is shown; when the selection discloses under consent, the audit's (withAudit).
 */

// heldGrantsSelect in SQL: grants naming the funder or its type, granted by and not expired at the
// instant, not revoked; heldScopes (domain/consent) still has the last word on each. Joined once per
// lead, with whether any covers FINANCIALS: the enterprise and its figures are read only for leads
// whose grants could open them (no grant, no enterprise; no FINANCIALS, no figures).
const GRANTS = `LEFT JOIN LATERAL (SELECT json_agg(json_build_object('funderId', c."funderId", 'funderType', c."funderType", 'scopes', c.scopes, 'grantedAt', ${isoSql('c."grantedAt"')}, 'expiresAt', ${isoSql('c."expiresAt"')})) AS list,
  bool_or('FINANCIALS' = ANY(c.scopes::text[])) AS financials
  FROM "Consent" c WHERE c."enterpriseId" = n."enterpriseId" AND (c."funderId" = $3 OR (c."funderId" IS NULL AND c."funderType" = $4::"FunderType"))
  AND c."grantedAt" <= $2::timestamp(3) AND c."expiresAt" > $2::timestamp(3) AND NOT EXISTS (SELECT 1 FROM "ConsentRevocation" v WHERE v."consentId" = c.id)) g ON true`;

const REVIEW = `(SELECT r.status FROM "LeadReview" r WHERE r."financingNeedId" = n.id AND r."funderId" = $5::uuid)`;

// READINESS_SELECT in SQL; money as decimal text, turned back into bigint in readinessOf.
const FIGURES = `(SELECT json_build_object('nib', e.nib, 'npwp', e.npwp, 'foundedOn', ${isoSql('e."foundedOn"')}, 'annualTurnover', e."annualTurnover"::text,
  'businessCapital', e."businessCapital"::text, 'bookkeeping', e.bookkeeping, 'hasFinancialStatements', e."hasFinancialStatements", 'currentCredit', e."currentCredit",
  'yearFigures', coalesce((SELECT json_agg(json_build_object('year', y.year, 'turnover', y.turnover::text, 'isEstimate', y."isEstimate") ORDER BY y.year DESC)
    FROM "EnterpriseYearFigure" y WHERE y."enterpriseId" = e.id), '[]'))
  FROM "Enterprise" e WHERE e.id = n."enterpriseId")`;

/** ReadinessAssessment fields whose value is the assessment's property of the same name (readiness.ts). */
const READINESS_FIELDS = new Set(['verdict', 'scheme', 'amount']);

type Grant = { funderId: string | null; funderType: FunderType | null; scopes: ConsentScope[]; grantedAt: string; expiresAt: string };
type Figures = Omit<ReadinessInput['enterprise'], 'foundedOn' | 'annualTurnover' | 'businessCapital' | 'yearFigures'> & {
  foundedOn: string;
  annualTurnover: string | null;
  businessCapital: string | null;
  yearFigures: { year: number; turnover: string | null; isEstimate: boolean }[];
};
type Row = { id: string; enterpriseId: string; amount: string; purpose: string; status: string; review: LeadStatus | null; grants: Grant[]; figures?: Figures | null; enterprise?: string | null };

const big = (v: string | null) => (v === null ? null : BigInt(v));

function readinessOf(f: Figures): ReadinessInput['enterprise'] {
  return {
    ...f,
    foundedOn: new Date(f.foundedOn),
    annualTurnover: big(f.annualTurnover),
    businessCapital: big(f.businessCapital),
    yearFigures: f.yearFigures.map((y) => ({ ...y, turnover: big(y.turnover) })),
  };
}

type Lead = ReturnType<typeof leadOf>;

function leadOf(row: Row) {
  const consents = row.grants.map((g) => ({ ...g, enterpriseId: row.enterpriseId, grantedAt: new Date(g.grantedAt), expiresAt: new Date(g.expiresAt) }));
  return {
    enterpriseId: row.enterpriseId,
    amount: BigInt(row.amount),
    status: row.status,
    reviews: row.review ? [{ status: row.review }] : [],
    enterprise: { consents, ...(row.figures ? readinessOf(row.figures) : null) },
  };
}

const json = (value: unknown) => JSON.stringify(value);

/**
 * One selected field of FinancingLead: its JSON text for a row (null: the row cannot be answered
 * this way), the value the statement must read for it, if any, by name, and the audited field its
 * text notes for a lead, if any, as SQL foreseeing it (null when it notes nothing).
 */
type Part = { text: (row: Row, lead: Lead, ctx: Context) => string | null; column?: [name: string, sql: string]; audited?: string };

/** A value read only where the lead's grants could open it: `any` grant, or one covering FINANCIALS. */
const whenGranted = (grant: 'any' | 'financials', sql: string) => `CASE WHEN ${grant === 'any' ? 'g.list IS NOT NULL' : 'g.financials'} THEN ${sql} END`;

function enterprisePart(type: GraphQLObjectType, selectionSet: SelectionSetNode | undefined): Part | null {
  const target = getNamedType(type.getFields().enterprise!.type);
  const inner = isObjectType(target) ? objectSql(target, selectionSet, 'e1', 1) : null;
  if (!inner) return null;
  return {
    text: (row, lead, ctx) => (leadIdentityShown(lead, ctx) ? (row.enterprise ?? null) : 'null'),
    column: ['enterprise', whenGranted('any', `(SELECT ${inner.sql} FROM "Enterprise" e1 WHERE e1.id = n."enterpriseId")`)],
    audited: whenGranted('any', `'${AUDITED.identity}'`),
  };
}

function readinessPart(selectionSet: SelectionSetNode | undefined): Part | null {
  const fields = plainFields(selectionSet);
  if (!fields || fields.some(({ field: f }) => f.selectionSet || (f.name.value !== '__typename' && !READINESS_FIELDS.has(f.name.value)))) return null;
  return {
    text: (row, lead, ctx) => {
      // No figures read (no grant covers FINANCIALS, most leads): closed, or opened other than by
      // a grant (the caller is one of the enterprise's own people) and the resolvers answer. The
      // access is asked once, not again by leadReadiness.
      if (!row.figures) return leadAccess(lead, 'FINANCIALS', ctx) === null ? 'null' : null;
      const assessment = leadReadiness(lead as Lead & { enterprise: ReadinessInput['enterprise'] }, ctx);
      if (!assessment) return 'null';
      const values: Record<string, unknown> = { __typename: 'ReadinessAssessment', ...assessment, amount: assessment.amount.toString() };
      return `{${fields.map(({ key, field: f }) => `${json(key)}:${json(values[f.name.value] ?? null)}`).join(',')}}`;
    },
    column: ['figures', whenGranted('financials', FIGURES)],
    audited: whenGranted('financials', `'${AUDITED.readiness}'`),
  };
}

/** The part of one selected field, or null when it has no planned form. */
function partOf(type: GraphQLObjectType, field: FieldNode): Part | null {
  const name = field.name.value;
  if (name === 'enterprise') return enterprisePart(type, field.selectionSet);
  if (name === 'readiness') return readinessPart(field.selectionSet);
  if (field.selectionSet) return null;
  switch (name) {
    case '__typename':
      return { text: () => json(type.name) };
    case 'id':
      return { text: (row) => json(encodeGlobalID(type.name, row.id)) };
    case 'amountBand':
      return { text: (_row, lead) => json(amountBand(lead.amount)) };
    case 'purpose':
      return { text: (row) => json(row.purpose) };
    case 'open':
      return { text: (_row, lead) => json(leadOpen(lead)) };
    case 'status':
      return { text: (_row, lead) => json(leadStatus(lead)) };
    case 'consentScopes':
      return { text: (_row, lead, ctx) => json(leadConsentScopes(lead, ctx)) };
    default:
      return null;
  }
}

export const planLeads: PlannedRead = (type, selectionSet) => {
  const selected = plainFields(selectionSet);
  if (!selected) return null;
  const parts: { prefix: string; part: Part }[] = [];
  for (const { key, field } of selected) {
    const part = partOf(type, field);
    if (!part) return null;
    parts.push({ prefix: `${json(key)}:`, part });
  }
  // Each value read once, however often it is selected (readiness under two aliases).
  const columns = new Map(parts.flatMap(({ part }) => (part.column ? [part.column] : [])));
  const audited = [...new Set(parts.flatMap(({ part }) => (part.audited ? [part.audited] : [])))];
  const leads =
    `SELECT t.id, t.ord, n."enterpriseId" AS e, CASE WHEN n.id IS NULL THEN NULL ELSE json_build_object('id', n.id, 'enterpriseId', n."enterpriseId", 'amount', n.amount::text, 'purpose', n.purpose, 'status', n.status, ` +
    `'review', ${REVIEW}, 'grants', coalesce(g.list, '[]')${[...columns].map(([name, column]) => `, '${name}', ${column}`).join('')}) END AS j` +
    (audited.length ? `, array_remove(ARRAY[${audited.join(', ')}]::text[], NULL) AS audited ` : ' ') +
    `FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord) LEFT JOIN "FinancingNeed" n ON n.id = t.id ${GRANTS}`;
  return {
    sql: audited.length ? withAudit(leads) : `${leads} ORDER BY t.ord`,
    params: (ids, ctx, shown = ids.length) => {
      const funder = callingFunderOf(ctx.viewer);
      const params = [ids, ctx.now.toISOString(), funder?.id ?? NO_ID, funder?.funderType ?? null, funderIdOf(ctx)];
      return audited.length ? [...params, ctx.viewer.enterpriseIds, uuidsV7(shown), ...ctx.audit.actor()] : params;
    },
    wrote: (rows, ctx) => {
      for (const row of rows) {
        if (typeof row.auditId === 'string') ctx.audit.wrote(row.auditId, protectedReadEntry(row.auditEnterpriseId as string, row.auditFields as string[]));
      }
    },
    finish: (value, ctx) => {
      const row = value as Row;
      const lead = leadOf(row);
      const texts: string[] = [];
      for (const { prefix, part } of parts) {
        const text = part.text(row, lead, ctx);
        if (text === null) return null;
        texts.push(prefix + text);
      }
      return `{${texts.join(',')}}`;
    },
  };
};

/**
 * The leads' statement writing, as it reads, the audit records their fields will note: for each
 * enterprise among the leads shown ($7: an id for each), the fields foreseen for it, unless it is
 * one of the caller's own ($6, read by right, not audited). Each row carries its enterprise's
 * record (auditId): the request's AuditLog keeps it when the notes agree and withdraws it if not,
 * so the records are lead-view.ts's own, and a read is never answered without its record.
 */
const withAudit = (leads: string) => `WITH l AS (${leads}),
a AS (${auditInsert(
  `(SELECT ($7::uuid[])[row_number() OVER (ORDER BY l.e)] AS "id", '${READ_PROTECTED}' AS "action", 'Enterprise' AS "subjectType", l.e::text AS "subjectId", l.e AS "enterpriseId",
  array_agg(DISTINCT f ORDER BY f) AS "fields" FROM l, unnest(l.audited) f WHERE l.ord <= cardinality($7::uuid[]) AND l.e <> ALL($6::uuid[]) GROUP BY l.e) r`,
  8,
)} RETURNING "id", "enterpriseId", "fields")
SELECT l.id, l.j, a.id AS "auditId", a."enterpriseId" AS "auditEnterpriseId", to_json(a.fields) AS "auditFields" FROM l LEFT JOIN a ON a."enterpriseId" = l.e ORDER BY l.ord`;

/**
 * leadVisibility (types.ts) in SQL, for the caller $1: an open need of an active enterprise, or one
 * in the caller's own pipeline. planned-reads.test.ts compares pages read both ways.
 */
const VISIBLE = `((r.status = 'OPEN' AND EXISTS (SELECT 1 FROM "Enterprise" e WHERE e.id = r."enterpriseId" AND e.status = 'ACTIVE'))
  OR EXISTS (SELECT 1 FROM "LeadReview" v WHERE v."financingNeedId" = r.id AND v."funderId" = $1::uuid))`;

/**
 * The ids of a page of leads in the default order (by ID) when nothing narrows or sorts it, read
 * through the driver (planner/page.ts); null otherwise: Prisma reads the page.
 */
export function plainLeadPage(paging: Paging, narrowed: boolean, ctx: Context, rootKey: string): Promise<{ id: string }[]> | null {
  return narrowed ? null : pageOfIds({ table: 'FinancingNeed', where: [VISIBLE], params: [funderIdOf(ctx)], order: [['id', 'ASC']] }, paging, ctx, rootKey);
}
