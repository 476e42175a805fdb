import { policies } from '../auth/policies';
import { builder } from '../builder';
import { OpportunityKindEnum } from '../common/enums';

export const SavedSearchRef = builder.prismaNode('SavedSearch', {
  description: "A partner's saved opportunity filter: every newly posted opportunity it matches raises a saved_search.matched event for the partner (webhooks, subscriptions).",
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
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was saved.' }),
  }),
});
