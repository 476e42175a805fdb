import { policies } from '../auth/policies';
import { builder } from '../builder';
import { FinancingPurposeEnum, OpportunityKindEnum, SectorEnum } from '../common/enums';
import type { AmountBand } from '../domain/consent';
import { AmountBandEnum } from '../financing/types';

export const SavedSearchTargetEnum = builder.enumType('SavedSearchTarget', {
  description: 'What a saved search runs over.',
  values: {
    OPPORTUNITIES: { description: 'Newly posted opportunities.' },
    FINANCING_LEADS: { description: "Newly stated financing needs, as the funder's leads list shows them anonymised (band, purpose, released sector and kecamatan)." },
  },
});

export const SavedSearchRef = builder.prismaNode('SavedSearch', {
  description:
    "A partner's saved filter: every newly posted opportunity (or, for a funder's FINANCING_LEADS search, every newly stated financing need as the leads list shows it anonymised) it matches raises a saved_search.matched event for the partner (webhooks, subscriptions).",
  id: { field: 'id' },
  nullable: true,
  authScopes: (s) => policies.partnerOwnPeople(s.partnerId),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'What the search is for.' }),
    kinds: t.field({ type: [OpportunityKindEnum], description: 'Opportunity kinds; empty: every kind.', resolve: (s) => s.kinds }),
    productCategories: t.exposeStringList('productCategories', { description: 'Product categories; empty: every category.' }),
    districtCodes: t.exposeStringList('districtCodes', { description: 'Kemendagri codes of the kecamatan; empty: anywhere (an opportunity for the whole city matches any).' }),
    amountMin: t.expose('amountMin', { type: 'Money', nullable: true, description: 'Lower end of the rupiah range the amount must overlap.' }),
    amountMax: t.expose('amountMax', { type: 'Money', nullable: true, description: 'Upper end of the rupiah range the amount must overlap.' }),
    target: t.field({ type: SavedSearchTargetEnum, description: 'What the search runs over.', resolve: (s) => s.target }),
    amountBands: t.field({ type: [AmountBandEnum], description: 'FINANCING_LEADS: KUR amount bands; empty: any.', resolve: (s) => s.amountBands as AmountBand[] }),
    sectors: t.field({ type: [SectorEnum], description: 'FINANCING_LEADS: sectors the lead shows; empty: any.', resolve: (s) => s.sectors }),
    purposes: t.field({ type: [FinancingPurposeEnum], description: 'FINANCING_LEADS: purposes; empty: any.', resolve: (s) => s.purposes }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was saved.' }),
  }),
});
