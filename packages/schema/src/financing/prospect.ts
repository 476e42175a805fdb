import { policies } from '../auth/policies';
import { builder } from '../builder';
import { badInput } from '../common/errors';
import { BookkeepingPracticeEnum, CreditFacilityKindEnum } from '../common/enums';
import { currentCreditOf, facilityProblems } from '../domain/figures/credit';
import { figuresInUse, yearFigureProblems } from '../domain/figures/years';
import { semarangToday } from '../enterprise/size';
import { assess, READINESS_DESCRIPTION, ReadinessAssessmentRef } from './readiness';

/** Stand-ins for identifiers the prospect says it holds: the rules read only whether they are present. */
const HELD = { nib: '0000000000000', npwp: '0000000000000000' } as const;

const ProspectYearInput = builder.inputType('ProspectYearFigureInput', {
  description: "One year of a prospect's figures.",
  fields: (t) => ({
    year: t.int({ required: true, description: 'Calendar year, up to the current one.' }),
    turnover: t.field({ type: 'Money', description: 'Sales (omzet) of the year in rupiah.' }),
    businessCapital: t.field({ type: 'Money', description: 'Business capital excluding land and buildings, in rupiah.' }),
    isEstimate: t.boolean({ required: true, description: 'True for an estimate; required for the current year.' }),
  }),
});

const ProspectFacilityInput = builder.inputType('ProspectCreditFacilityInput', {
  description: 'A credit facility the prospect holds.',
  fields: (t) => ({
    kind: t.field({ type: CreditFacilityKindEnum, required: true, description: 'Kind of credit.' }),
    startsOn: t.field({ type: 'Date', description: 'First day of the facility.' }),
    endsOn: t.field({ type: 'Date', description: 'Last day of the facility; omit while it runs.' }),
  }),
});

const ProspectInput = builder.inputType('ProspectReadinessInput', {
  description: 'What a business not (yet) in the registry tells about itself, for a KUR readiness check that stores nothing.',
  fields: (t) => ({
    amount: t.field({ type: 'Money', required: true, description: 'The plafond the prospect would ask for, in rupiah.' }),
    foundedOn: t.field({ type: 'Date', required: true, description: 'Date the business was founded.' }),
    hasNib: t.boolean({ required: true, description: 'True when the business holds an NIB (Nomor Induk Berusaha).' }),
    hasNpwp: t.boolean({ required: true, description: 'True when the business or its owner holds an NPWP (tax number).' }),
    bookkeeping: t.field({ type: BookkeepingPracticeEnum, required: true, description: 'How the business keeps its books.' }),
    hasFinancialStatements: t.boolean({ required: true, description: 'True when it produces financial statements.' }),
    yearFigures: t.field({ type: [ProspectYearInput], required: true, description: 'Figures by year (at most 10 years); the previous year or an estimate of this one counts.' }),
    creditFacilities: t.field({ type: [ProspectFacilityInput], required: true, description: 'Credit facilities it holds (at most 10).' }),
  }),
});

const MAX_ROWS = 10;

builder.queryField('financingReadinessCheck', (t) =>
  t.field({
    type: ReadinessAssessmentRef,
    description: `KUR readiness of a business that is not (yet) registered, from the figures given, by the rules that assess registered leads. Nothing is stored or logged about the prospect. Any signed-in caller (an officer at an outreach desk, a bank's screening tool). ${READINESS_DESCRIPTION}`,
    authScopes: policies.signedIn,
    args: { input: t.arg({ type: ProspectInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      const today = semarangToday(ctx.now);
      const year = today.getUTCFullYear();
      if (input.yearFigures.length > MAX_ROWS) throw badInput(`At most ${MAX_ROWS} years.`, ['input', 'yearFigures']);
      if (input.creditFacilities.length > MAX_ROWS) throw badInput(`At most ${MAX_ROWS} credit facilities.`, ['input', 'creditFacilities']);
      const years = input.yearFigures.map((f) => ({
        year: f.year,
        turnover: f.turnover ?? null,
        businessCapital: f.businessCapital ?? null,
        employees: null,
        exports: null,
        isEstimate: f.isEstimate,
        source: 'SELF_DECLARED' as const,
      }));
      years.forEach((f, i) => {
        const [problem] = yearFigureProblems(f, year);
        if (problem) throw badInput(problem.message, ['input', 'yearFigures', String(i), ...problem.field]);
      });
      if (new Set(years.map((f) => f.year)).size !== years.length) throw badInput('Each year may be given once.', ['input', 'yearFigures']);
      const facilities = input.creditFacilities.map((f) => ({ kind: f.kind, startsOn: f.startsOn ?? null, endsOn: f.endsOn ?? null }));
      facilities.forEach((f, i) => {
        const [problem] = facilityProblems(f);
        if (problem) throw badInput(problem.message, ['input', 'creditFacilities', String(i), ...problem.field]);
      });
      const inUse = figuresInUse(years, year);
      return assess(
        {
          nib: input.hasNib ? HELD.nib : null,
          npwp: input.hasNpwp ? HELD.npwp : null,
          foundedOn: input.foundedOn,
          annualTurnover: inUse.annualTurnover,
          businessCapital: inUse.businessCapital,
          bookkeeping: input.bookkeeping,
          hasFinancialStatements: input.hasFinancialStatements,
          currentCredit: currentCreditOf(facilities, today),
          yearFigures: years,
        },
        input.amount,
        ctx,
      );
    },
  }),
);
