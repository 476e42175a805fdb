import { policies } from '../auth/policies';
import { builder } from '../builder';
import { badInput } from '../common/errors';
import { FIRST_FIGURE_YEAR } from '../domain/figures/years';
import { reportRegency } from './region';
import { funnelReport } from './service';
import { FunnelReportRef, ReportDimensionEnum } from './types';

builder.queryField('funnelReport', (t) =>
  t.field({
    type: FunnelReportRef,
    description:
      'The forum-to-deal-to-credit funnel of a year, by forum, sentra, kecamatan or sector: participants, meeting requests, meetings held, deals, follow-ups at 3 and 6 months, financing needs and their leads, consortium deliveries, and turnover growth against comparable non-participants. Disperin staff only.',
    authScopes: policies.staff,
    args: {
      dimension: t.arg({ type: ReportDimensionEnum, required: true, description: 'What the rows group by.' }),
      year: t.arg.int({ required: true, description: `Calendar year of the forums, ${FIRST_FIGURE_YEAR} to 2100.` }),
      regencyCode: t.arg.string({
        description:
          "Only IKM of this kabupaten/kota, by Kemendagri code (e.g. \"33.74\"). Staff of a kabupaten/kota's office always get their own (another code is FORBIDDEN); the provincial office's staff get the whole province without it.",
      }),
    },
    resolve: async (_root, { dimension, year, regencyCode }, ctx) => {
      if (year < FIRST_FIGURE_YEAR || year > 2100) throw badInput(`The year must be from ${FIRST_FIGURE_YEAR} to 2100.`, ['year']);
      return funnelReport(ctx, dimension, year, await reportRegency(ctx, regencyCode));
    },
  }),
);
