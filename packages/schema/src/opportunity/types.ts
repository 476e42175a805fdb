import { builder } from '../builder';
import { CertificationKindEnum, OpportunityKindEnum, SectorEnum } from '../common/enums';
import { isOpportunityActive, opportunityStatus } from '../domain/opportunity-status';
import { opportunityStatusSql } from './status-sql';

export const OpportunityStatusEnum = builder.enumType('OpportunityStatus', {
  description:
    'Status of an opportunity as of the request. EXPIRED is never stored: an OPEN opportunity whose validUntil has passed reads as EXPIRED.',
  values: {
    OPEN: { description: 'Open for answers (validUntil not yet passed). It may not be active yet: see isActive.' },
    CLOSED: { description: 'Closed by its poster or by Disperin staff without a deal.' },
    FULFILLED: { description: 'Closed because the need was met (a deal was made).' },
    EXPIRED: { description: 'Was open, but its validUntil has passed.' },
  },
});

export const OpportunityPosterEnum = builder.enumType('OpportunityPoster', {
  description: 'Which side of the marketplace posted an opportunity.',
  values: {
    PARTNER: { description: 'A partner organisation (buyer, supplier, distributor, funder).' },
    ENTERPRISE: { description: 'An IKM (industri kecil dan menengah).' },
  },
});

export const OpportunityRef = builder.prismaNode('Opportunity', {
  description:
    'An offer or a request on the Temu Bisnis marketplace, posted by a partner (buy request, supply, distribution or financing offer) or by an IKM (sell offer, supply, distribution or financing request).',
  id: { field: 'id' },
  nullable: true,
  // Select mode: a request reads only the columns its fields ask for (fields computed from columns name them in `select`).
  select: { id: true },
  fields: (t) => ({
    kind: t.expose('kind', { type: OpportunityKindEnum, description: 'What is offered or requested.' }),
    title: t.exposeString('title', { description: 'Short title, 3 to 200 characters.' }),
    description: t.exposeString('description', { description: 'Details in words.' }),
    postedByKind: t.field({
      type: OpportunityPosterEnum,
      description: 'Which side posted it: PARTNER (see partner) or ENTERPRISE (see enterprise).',
      select: { partnerId: true },
      resolve: (o) => (o.partnerId ? 'PARTNER' : 'ENTERPRISE'),
    }),
    partner: t.relation('partner', { nullable: true, description: 'The partner that posted it; null when an IKM did.' }),
    enterprise: t.relation('enterprise', { nullable: true, description: 'The IKM that posted it; null when a partner did.' }),
    sector: t.expose('sector', { type: SectorEnum, nullable: true, description: 'Sector it concerns, if one.' }),
    kbliPrefixes: t.exposeStringList('kbliPrefixes', {
      description: 'KBLI (Klasifikasi Baku Lapangan Usaha Indonesia) prefixes of 2–5 digits it concerns, e.g. ["25"] for fabricated metal products.',
    }),
    productCategory: t.exposeString('productCategory', {
      nullable: true,
      description: 'Product category slug, e.g. "komponen-mesin".',
    }),
    quantity: t.exposeInt('quantity', { nullable: true, description: 'Quantity offered or requested, in unit.' }),
    unit: t.exposeString('unit', { nullable: true, description: 'Unit of the quantity, e.g. "pcs", "kg", "lembar".' }),
    deliveryMonths: t.exposeInt('deliveryMonths', {
      nullable: true,
      description: 'Buy requests: the quantity is a total to deliver over this many months; null when the quantity is a monthly volume.',
    }),
    amountMin: t.expose('amountMin', {
      type: 'Money',
      nullable: true,
      description: 'Lower end of the amount in rupiah (financing, order value); null when open.',
    }),
    amountMax: t.expose('amountMax', {
      type: 'Money',
      nullable: true,
      description: 'Upper end of the amount in rupiah; null when open.',
    }),
    districtCodes: t.exposeStringList('districtCodes', {
      description: 'Kemendagri codes of the kecamatan it concerns; empty means the whole city.',
    }),
    requiredCertifications: t.expose('requiredCertifications', {
      type: [CertificationKindEnum],
      description: 'Certifications an IKM needs to answer it (e.g. HALAL, SNI).',
    }),
    validFrom: t.expose('validFrom', { type: 'DateTime', description: 'Start of validity.' }),
    validUntil: t.expose('validUntil', {
      type: 'DateTime',
      description: 'Last instant of validity; after it an OPEN opportunity reads as EXPIRED.',
    }),
    status: t.field({
      type: OpportunityStatusEnum,
      description: 'OPEN, CLOSED, FULFILLED, or EXPIRED (OPEN with validUntil before the time of the request).',
      select: { status: true, validUntil: true },
      resolve: (o, _args, ctx) => opportunityStatus(o, ctx.now),
      // The same rule in SQL, for pages read in one statement (planner/fields.ts).
      extensions: { plannedSql: opportunityStatusSql },
    }),
    isActive: t.boolean({
      description: 'True when OPEN and validFrom has come: an opportunity published ahead of its start is OPEN but not active.',
      select: { status: true, validFrom: true, validUntil: true },
      resolve: (o, _args, ctx) => isOpportunityActive(o, ctx.now),
    }),
    isDemo: t.exposeBoolean('isDemo', { description: 'True for demonstration data from the seed.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was posted.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
  }),
});
