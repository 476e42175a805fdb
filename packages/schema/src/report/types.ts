import { builder } from '../builder';
import { K_ANONYMITY } from '../domain/anonymity';
import type { Cell } from '../domain/report/cells';
import { GROWTH_METHOD, type Growth } from '../domain/report/funnel';
import type { FunnelReport, FunnelReportRow, ReportDimension } from './service';

const SUPPRESSION = `Built from fewer than ${K_ANONYMITY} IKM (zero included), a cell is suppressed: value null, suppressed true. A row's cell is also suppressed when the total less the shown rows would reveal a figure of fewer than ${K_ANONYMITY} IKM (complementary suppression: the shown row with the fewest IKM is hidden too).`;

export const ReportDimensionEnum = builder.enumType('ReportDimension', {
  description: 'What a report groups participating IKM by.',
  values: {
    FORUM: { description: 'The Temu Bisnis forum (one row per forum held in the year).' },
    SENTRA: { description: "The IKM's Sentra IKM; independent IKM form one row." },
    DISTRICT: { description: "The IKM's kecamatan." },
    SECTOR: { description: "The IKM's manufacturing sector." },
  } satisfies Record<ReportDimension, { description: string }>,
});

const ReportCountRef = builder.objectRef<Cell<number>>('ReportCount').implement({
  description: `A count in a report. ${SUPPRESSION}`,
  fields: (t) => ({
    value: t.int({ nullable: true, description: 'The count; null when suppressed.', resolve: (c) => c.value }),
    suppressed: t.exposeBoolean('suppressed', { description: `True when built from fewer than ${K_ANONYMITY} IKM, or hidden so that the total does not reveal another row's.` }),
  }),
});

const ReportMoneyRef = builder.objectRef<Cell<bigint>>('ReportMoney').implement({
  description: `An amount in rupiah in a report, suppressed with the count it belongs to. ${SUPPRESSION}`,
  fields: (t) => ({
    value: t.field({ type: 'Money', nullable: true, description: 'The amount; null when suppressed.', resolve: (c) => c.value }),
    suppressed: t.exposeBoolean('suppressed', { description: 'True when the count it belongs to is suppressed.' }),
  }),
});

const ReportPercentRef = builder.objectRef<Cell<number>>('ReportPercent').implement({
  description: `A percentage in a report, one decimal. ${SUPPRESSION}`,
  fields: (t) => ({
    value: t.float({ nullable: true, description: 'Percent, e.g. 12.5; null when suppressed.', resolve: (c) => c.value }),
    suppressed: t.exposeBoolean('suppressed', { description: `True when either side is built from fewer than ${K_ANONYMITY} IKM.` }),
  }),
});


const GrowthRef = builder.objectRef<Growth>('ReportTurnoverGrowth').implement({
  description: `Turnover growth of participants against comparable non-participants. ${GROWTH_METHOD}`,
  fields: (t) => ({
    participantsPercent: t.field({ type: ReportPercentRef, description: 'Growth of the participants, in percent.', resolve: (g) => g.participantsPercent }),
    comparisonPercent: t.field({ type: ReportPercentRef, description: 'Growth of comparable non-participants weighted to the participants, in percent.', resolve: (g) => g.comparisonPercent }),
    participants: t.field({ type: ReportCountRef, description: 'Participants whose growth is measured.', resolve: (g) => g.participants }),
    comparables: t.field({ type: ReportCountRef, description: 'Non-participants they are compared with.', resolve: (g) => g.comparables }),
  }),
});


const FunnelRowRef = builder.objectRef<FunnelReportRow>('FunnelRow').implement({
  description: `One row of the forum-to-deal-to-credit funnel: the IKM of one forum, sentra, kecamatan or sector that took part in a forum in the year, and what followed. ${SUPPRESSION}`,
  fields: (t) => {
    const c = (key: 'participants' | 'meetingRequests' | 'meetingsHeld' | 'deals' | 'followUps3' | 'followUps6' | 'financingNeeds' | 'leadsContacted' | 'leadsApproved' | 'leadsDisbursed', description: string) =>
      t.field({ type: ReportCountRef, description, resolve: (r) => r[key] });
    const m = (key: 'dealValue' | 'approvedValue' | 'disbursedValue', description: string) => t.field({ type: ReportMoneyRef, description, resolve: (r) => r[key] });
    return {
      key: t.exposeString('key', { description: 'Identifier of the group: the forum or sentra UUID, the district UUID, the sector, "none" for independent IKM, "total" for the whole year.' }),
      label: t.exposeString('label', { description: 'Name of the group, for people.' }),
      participants: c('participants', 'IKM that took part in a forum of the year (each IKM once).'),
      meetingRequests: c('meetingRequests', 'Meeting requests the participating IKM sent or received at those forums, in any status.'),
      meetingsHeld: c('meetingsHeld', 'Meetings of the participating IKM that took place (HELD).'),
      deals: c('deals', 'Meetings held with outcome DEAL.'),
      dealValue: m('dealValue', 'Sum of the deal values in rupiah.'),
      followUps3: c('followUps3', 'Meetings held with a follow-up recorded 3 months after the forum.'),
      followUps6: c('followUps6', 'Meetings held with a follow-up recorded 6 months after the forum.'),
      financingNeeds: c('financingNeeds', "Financing needs the participating IKM posted from their forum's date to 12 months later."),
      leadsContacted: c('leadsContacted', 'Those needs a funder contacted (status CONTACTED or further, now or in the lead history).'),
      leadsApproved: c('leadsApproved', 'Those needs a funder approved (APPROVED or DISBURSED, now or in the history).'),
      approvedValue: m('approvedValue', 'Sum of the approved needs\' requested amounts in rupiah.'),
      leadsDisbursed: c('leadsDisbursed', 'Those needs disbursed by a funder.'),
      disbursedValue: m('disbursedValue', 'Sum of the amounts disbursed in rupiah.'),
      consortiumDeliveries: t.field({
        type: ReportCountRef,
        nullable: true,
        description: `Consortium deliveries recorded in the year (by the day delivered) by IKM of the group, each delivery a member's against its accepted share of a sent offer; every IKM of the group counts, at a forum or not. Null in rows by forum: a delivery answers a buy request, not a forum (the total has the year's). Suppressed when fewer than ${K_ANONYMITY} IKM delivered. No quantity: shares are in the request's own unit (pcs, kg), not rupiah.`,
        resolve: (r) => r.consortiumDeliveries,
      }),
      consortiumDeliveringIkm: t.field({
        type: ReportCountRef,
        nullable: true,
        description: 'IKM of the group that recorded a consortium delivery in the year (each IKM once); null in rows by forum, as consortiumDeliveries.',
        resolve: (r) => r.consortiumDeliveringIkm,
      }),
      turnoverGrowth: t.field({ type: GrowthRef, description: `Turnover growth against comparable non-participants. ${GROWTH_METHOD}`, resolve: (r) => r.turnoverGrowth }),
    };
  },
});

export const FunnelReportRef = builder.objectRef<FunnelReport>('FunnelReport').implement({
  description: `The forum-to-deal-to-credit funnel of one year by one dimension, for Disperin staff. ${SUPPRESSION}`,
  fields: (t) => ({
    dimension: t.field({ type: ReportDimensionEnum, description: 'What the rows group by.', resolve: (r) => r.dimension }),
    year: t.exposeInt('year', { description: 'Calendar year of the forums.' }),
    rows: t.field({ type: [FunnelRowRef], description: 'One row per group with participating IKM, by label.', resolve: (r) => r.rows }),
    total: t.field({ type: FunnelRowRef, description: 'The whole year, each IKM counted once.', resolve: (r) => r.total }),
  }),
});
