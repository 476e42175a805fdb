import { policies } from '../auth/policies';
import { builder } from '../builder';
import type { Context } from '../context';
import { CreditAmountBandEnum, CreditFacilityKindEnum, FigureSourceEnum, LenderTypeEnum } from '../common/enums';
import { idOf } from '../common/global-id';
import { refuse, refuseIf, runMutation, type Tx, underInput } from '../common/mutation';
import { enterpriseRegion } from './region';
import { failed, payloadType } from '../common/payload';
import { userError } from '../common/user-errors';
import { facilityProblems } from '../domain/figures/credit';
import { FIRST_FIGURE_YEAR, yearFigureProblems } from '../domain/figures/years';
import { syncFromHistory } from './history';
import { semarangToday } from './size';
import { lockEnterprise } from './store';
import { consentNote, privateFieldAuth } from './visibility';

/** The history is financial data: the same visibility as annualTurnover (FINANCIALS consent, audited). */
const historyPrivate = (field: string) => privateFieldAuth<{ id: string }>((e) => e.id, 'FINANCIALS', field);

export const EnterpriseYearFigureRef = builder.prismaObject('EnterpriseYearFigure', {
  description:
    "An IKM's figures for one calendar year: sales, staff, capital and exports, with where they come from and whether they are an estimate.",
  fields: (t) => ({
    year: t.exposeInt('year', { description: 'Calendar year (January to December) the figures belong to.' }),
    turnover: t.expose('turnover', { type: 'Money', nullable: true, description: 'Sales (omzet, hasil penjualan) of the year in rupiah; null when not recorded.' }),
    employees: t.exposeInt('employees', { nullable: true, description: 'Workers (tenaga kerja) in the year, the owner included; null when not recorded.' }),
    businessCapital: t.expose('businessCapital', {
      type: 'Money',
      nullable: true,
      description: 'Business capital excluding land and buildings (modal usaha) in rupiah; null when not recorded.',
    }),
    exports: t.expose('exports', { type: 'Money', nullable: true, description: 'Export sales of the year in rupiah, part of the turnover; null when not recorded.' }),
    source: t.expose('source', { type: FigureSourceEnum, description: 'Where the figures come from.' }),
    isEstimate: t.exposeBoolean('isEstimate', { description: "True for an estimate (always for the current year, which is not over); false for a closed year's figures." }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the figures were last recorded.' }),
  }),
});

export const CreditFacilityRef = builder.prismaNode('CreditFacility', {
  description: 'A credit facility an IKM holds or held: kind, lender type, plafond band and dates (the exact amount is not recorded).',
  id: { field: 'id' },
  fields: (t) => ({
    kind: t.expose('kind', { type: CreditFacilityKindEnum, description: 'Kind of credit.' }),
    lenderType: t.expose('lenderType', { type: LenderTypeEnum, nullable: true, description: 'Who lends; null when not recorded.' }),
    amountBand: t.expose('amountBand', { type: CreditAmountBandEnum, nullable: true, description: 'Plafond band; null when not recorded.' }),
    startsOn: t.expose('startsOn', { type: 'Date', nullable: true, description: 'First day of the facility; null when not recorded.' }),
    endsOn: t.expose('endsOn', { type: 'Date', nullable: true, description: 'Last day of the facility; null while it runs without a known end.' }),
  }),
});

builder.prismaObjectFields('Enterprise', (t) => ({
  yearFigures: t.relation('yearFigures', {
    nullable: true,
    description: `Figures by calendar year, the latest first. annualTurnover and businessCapital are derived from them: the sales of the latest closed year and the latest capital. ${consentNote('FINANCIALS')}`,
    query: { orderBy: [{ year: 'desc' }] },
    ...historyPrivate('yearFigures'),
  }),
  creditFacilities: t.relation('creditFacilities', {
    nullable: true,
    description: `Credit facilities, the latest start first, finished ones included; currentCredit is derived from those running today. ${consentNote('FINANCIALS')}`,
    query: { orderBy: [{ startsOn: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }] },
    ...historyPrivate('creditFacilities'),
  }),
}));

const YearFigureRecordInput = builder.inputType('EnterpriseYearFigureRecordInput', {
  description: "One year of an IKM's figures. Recording a year that is already on record replaces that year's figures.",
  fields: (t) => ({
    enterpriseId: t.id({ required: true, description: 'Global ID of the enterprise.' }),
    year: t.int({ required: true, description: `Calendar year, from ${FIRST_FIGURE_YEAR} up to the current year (in Semarang).` }),
    turnover: t.field({ type: 'Money', description: 'Sales (omzet) of the year in rupiah.' }),
    employees: t.int({ description: 'Workers in the year, the owner included.' }),
    businessCapital: t.field({ type: 'Money', description: 'Business capital excluding land and buildings, in rupiah.' }),
    exports: t.field({ type: 'Money', description: 'Export sales of the year in rupiah; at most the turnover.' }),
    source: t.field({ type: FigureSourceEnum, required: true, description: 'Where the figures come from.' }),
    isEstimate: t.boolean({ required: true, description: 'True for an estimate; required for the current year.' }),
  }),
});

const YearFigureRecordPayload = payloadType('EnterpriseYearFigureRecordPayload', 'yearFigure', EnterpriseYearFigureRef, 'Result of enterpriseYearFigureRecord.');

const CreditFacilityAddInput = builder.inputType('CreditFacilityAddInput', {
  description: 'A credit facility of an IKM.',
  fields: (t) => ({
    enterpriseId: t.id({ required: true, description: 'Global ID of the enterprise.' }),
    kind: t.field({ type: CreditFacilityKindEnum, required: true, description: 'Kind of credit.' }),
    lenderType: t.field({ type: LenderTypeEnum, description: 'Who lends.' }),
    amountBand: t.field({ type: CreditAmountBandEnum, description: 'Plafond band.' }),
    startsOn: t.field({ type: 'Date', description: 'First day of the facility.' }),
    endsOn: t.field({ type: 'Date', description: 'Last day of the facility; omit while it runs without a known end.' }),
  }),
});

const CreditFacilityAddPayload = payloadType('CreditFacilityAddPayload', 'creditFacility', CreditFacilityRef, 'Result of creditFacilityAdd.');

const CreditFacilityUpdateInput = builder.inputType('CreditFacilityUpdateInput', {
  description:
    'Changes to a credit facility: to end it, give endsOn (its last day); to correct it, the fields to change. Omitted fields stay; null clears lenderType, amountBand, startsOn or endsOn (a facility without endsOn runs without a known end).',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the credit facility.' }),
    kind: t.field({ type: CreditFacilityKindEnum, description: 'Kind of credit; cannot be null.' }),
    lenderType: t.field({ type: LenderTypeEnum, description: 'Who lends; null when not known.' }),
    amountBand: t.field({ type: CreditAmountBandEnum, description: 'Plafond band; null when not known.' }),
    startsOn: t.field({ type: 'Date', description: 'First day of the facility; null when not known.' }),
    endsOn: t.field({ type: 'Date', description: 'Last day of the facility (the day it ended or ends); null while it runs without a known end.' }),
  }),
});

const CreditFacilityUpdatePayload = payloadType('CreditFacilityUpdatePayload', 'creditFacility', CreditFacilityRef, 'Result of creditFacilityUpdate.');

const NOT_FOUND = userError('NOT_FOUND', ['input', 'enterpriseId'], 'No enterprise has this ID.');
const FACILITY_NOT_FOUND = userError('NOT_FOUND', ['input', 'id'], 'No credit facility has this ID.');

/** Scope map for a change to a facility: as for adding one to its enterprise (staff alone when there is no such facility). */
async function facilityScopes(globalId: string, ctx: Context) {
  const id = idOf(globalId, 'CreditFacility');
  const facility = id ? await ctx.prisma.creditFacility.findUnique({ where: { id }, select: { enterpriseId: true } }) : null;
  return policies.enterpriseOwnPeople(facility?.enterpriseId ?? null);
}

/** The facility under its enterprise's row lock, read again under the lock; null when there is none. */
async function lockedFacility(tx: Tx, id: string) {
  const before = await tx.creditFacility.findUnique({ where: { id }, select: { enterpriseId: true } });
  if (!before || !(await lockEnterprise(tx, before.enterpriseId))) return null;
  return tx.creditFacility.findUnique({ where: { id } });
}

builder.mutationFields((t) => ({
  enterpriseYearFigureRecord: t.field({
    type: YearFigureRecordPayload,
    description:
      "Records one year of an IKM's figures (replacing that year's, if any). The profile's annualTurnover and businessCapital follow the history in the same transaction. Disperin staff or the enterprise's own members.",
    authScopes: (_root, { input }) => policies.enterpriseOwnPeople(idOf(String(input.enterpriseId), 'Enterprise')),
    args: { input: t.arg({ type: YearFigureRecordInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      const enterpriseId = idOf(String(input.enterpriseId), 'Enterprise');
      if (!enterpriseId) return failed([NOT_FOUND]);
      const today = semarangToday(ctx.now);
      const values = {
        turnover: input.turnover ?? null,
        employees: input.employees ?? null,
        businessCapital: input.businessCapital ?? null,
        exports: input.exports ?? null,
        source: input.source,
        isEstimate: input.isEstimate,
      };
      return runMutation(ctx, {
        region: () => enterpriseRegion(ctx, { id: enterpriseId }, ['input', 'enterpriseId']),
        validate: () => underInput(yearFigureProblems({ ...values, year: input.year }, today.getUTCFullYear())),
        run: async (tx) => {
          if (!(await lockEnterprise(tx, enterpriseId))) refuse(NOT_FOUND);
          const figure = await tx.enterpriseYearFigure.upsert({
            where: { enterpriseId_year: { enterpriseId, year: input.year } },
            create: { enterpriseId, year: input.year, ...values },
            update: values,
          });
          await syncFromHistory(tx, enterpriseId, today);
          return figure;
        },
      });
    },
  }),
  creditFacilityAdd: t.field({
    type: CreditFacilityAddPayload,
    description:
      "Records a credit facility of an IKM; an IKM may hold several (e.g. KUR and a commercial loan). The profile's currentCredit follows the facilities running today. Disperin staff or the enterprise's own members.",
    authScopes: (_root, { input }) => policies.enterpriseOwnPeople(idOf(String(input.enterpriseId), 'Enterprise')),
    args: { input: t.arg({ type: CreditFacilityAddInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      const enterpriseId = idOf(String(input.enterpriseId), 'Enterprise');
      if (!enterpriseId) return failed([NOT_FOUND]);
      const dates = { startsOn: input.startsOn ?? null, endsOn: input.endsOn ?? null };
      return runMutation(ctx, {
        region: () => enterpriseRegion(ctx, { id: enterpriseId }, ['input', 'enterpriseId']),
        validate: () => underInput(facilityProblems(dates)),
        run: async (tx) => {
          if (!(await lockEnterprise(tx, enterpriseId))) refuse(NOT_FOUND);
          const facility = await tx.creditFacility.create({
            data: { enterpriseId, kind: input.kind, lenderType: input.lenderType ?? null, amountBand: input.amountBand ?? null, ...dates },
          });
          await syncFromHistory(tx, enterpriseId, semarangToday(ctx.now));
          return facility;
        },
      });
    },
  }),
  creditFacilityUpdate: t.field({
    type: CreditFacilityUpdatePayload,
    description:
      "Ends a credit facility (endsOn: its last day) or corrects its kind, lender type, plafond band or dates. The profile's currentCredit follows the facilities running today, in the same transaction. Disperin staff or the enterprise's own members.",
    authScopes: (_root, { input }, ctx) => facilityScopes(String(input.id), ctx),
    args: { input: t.arg({ type: CreditFacilityUpdateInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      const id = idOf(String(input.id), 'CreditFacility');
      if (!id) return failed([FACILITY_NOT_FOUND]);
      if (input.kind === null) return failed([userError('REQUIRED', ['input', 'kind'], 'kind cannot be null; omit it to keep the current kind.')]);
      return runMutation(ctx, {
        region: () => enterpriseRegion(ctx, { creditFacilities: { some: { id } } }, ['input', 'id']),
        run: async (tx) => {
          const existing = await lockedFacility(tx, id);
          if (!existing) refuse(FACILITY_NOT_FOUND);
          const dates = {
            startsOn: input.startsOn === undefined ? existing.startsOn : input.startsOn,
            endsOn: input.endsOn === undefined ? existing.endsOn : input.endsOn,
          };
          refuseIf(underInput(facilityProblems(dates)));
          const facility = await tx.creditFacility.update({
            where: { id },
            data: { kind: input.kind ?? undefined, lenderType: input.lenderType, amountBand: input.amountBand, ...dates },
          });
          await syncFromHistory(tx, existing.enterpriseId, semarangToday(ctx.now));
          return facility;
        },
      });
    },
  }),
}));
