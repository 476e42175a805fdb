import { meetingCounterparts } from '../auth/counterparts';
import { allows, policies } from '../auth/policies';
import { builder } from '../builder';
import type { Context } from '../context';
import { FunderTypeEnum, PartnerKindEnum, RecordStatusEnum, SectorEnum } from '../common/enums';

/**
 * A contact person of a partner. Named PartnerContact (a variant of the Contact model) so that the
 * enterprise module can expose its own contacts with its own visibility rules.
 */
/** Staff, the partner's members, and an IKM with an accepted meeting request with the partner. */
const partnerContactPrivate = {
  authScopes: async (contact: { partnerId: string | null }, _args: object, ctx: Context) =>
    allows(ctx.viewer, policies.partnerOwnPeople(contact.partnerId)) ||
    (contact.partnerId !== null && (await meetingCounterparts(ctx)).partnerIds.has(contact.partnerId)),
  unauthorizedResolver: () => null,
};

export const PartnerContactRef = builder.prismaObject('Contact', {
  variant: 'PartnerContact',
  description:
    "A contact person of a partner organisation. Phone and e-mail are visible only to Disperin staff, the partner's own members and IKM with an accepted meeting request with it; others see null.",
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Full name of the contact person.' }),
    role: t.exposeString('role', { description: 'Job title or role, e.g. "Kepala Cabang" or "Purchasing".' }),
    isPrimary: t.exposeBoolean('isPrimary', { description: 'True for the first person to contact.' }),
    phone: t.exposeString('phone', {
      nullable: true,
      description: 'Phone number in E.164 form (+62…). Null unless you are Disperin staff, a member of this partner, or an IKM with an accepted meeting request with it.',
      ...partnerContactPrivate,
    }),
    email: t.exposeString('email', {
      nullable: true,
      description: 'E-mail address. Null unless you are Disperin staff, a member of this partner, or an IKM with an accepted meeting request with it.',
      ...partnerContactPrivate,
    }),
  }),
});

export const PartnerRef = builder.prismaNode('Partner', {
  description:
    'A partner organisation of the Temu Bisnis marketplace: a buyer, a raw-material supplier, a distributor or a funder (bank, BPR, koperasi, fintech, venture capital or government programme), with what it seeks from and offers to IKM.',
  id: { field: 'id' },
  nullable: true,
  select: { id: true },
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable short name used in URLs, e.g. "bank-jateng-cabang-semarang".' }),
    name: t.exposeString('name', { description: 'Name of the organisation.' }),
    kind: t.expose('kind', { type: PartnerKindEnum, description: 'What kind of partner this is.' }),
    funderType: t.expose('funderType', {
      type: FunderTypeEnum,
      nullable: true,
      description: 'Subtype of a funder; null for buyers, suppliers and distributors.',
    }),
    description: t.exposeString('description', { description: 'About the organisation.' }),
    offers: t.exposeString('offers', {
      description: 'What the partner offers IKM, in words (e.g. "KUR mikro hingga Rp100 juta, tenor 3 tahun").',
    }),
    district: t.relation('district', {
      nullable: true,
      description: 'The kecamatan of its office in Jawa Tengah; null when it is elsewhere.',
    }),
    website: t.exposeString('website', { nullable: true, description: 'Web site, an http(s) URL.' }),
    sectors: t.expose('sectors', { type: [SectorEnum], description: 'Sectors the partner seeks or serves.' }),
    kbliPrefixes: t.exposeStringList('kbliPrefixes', {
      description:
        'KBLI (Klasifikasi Baku Lapangan Usaha Indonesia) prefixes the partner seeks, 2 to 5 digits within manufacturing (10–33); e.g. "25" covers every code starting with 25.',
    }),
    productCategories: t.exposeStringList('productCategories', {
      description: 'Product categories the partner seeks or supplies, as slugs (e.g. "komponen-mesin", "batik-tulis").',
    }),
    districtCodes: t.exposeStringList('districtCodes', {
      description: 'Kemendagri codes of the kecamatan the partner serves; empty means the whole city.',
    }),
    regencyCodes: t.exposeStringList('regencyCodes', {
      description:
        'Kemendagri codes of the kabupaten/kota the partner serves (e.g. ["33.74", "33.21"]); empty means all of Jawa Tengah. Recommendations for the partner propose only IKM inside them.',
    }),
    servesWholeCity: t.boolean({
      description: 'True when districtCodes is empty: the partner serves every kecamatan of Kota Semarang.',
      select: { districtCodes: true },
      resolve: (p) => p.districtCodes.length === 0,
    }),
    volumeMin: t.exposeInt('volumeMin', {
      nullable: true,
      description: 'Smallest order or supply volume the partner deals in, in its own units (see offers).',
    }),
    volumeMax: t.exposeInt('volumeMax', { nullable: true, description: 'Largest order or supply volume.' }),
    ticketMin: t.expose('ticketMin', {
      type: 'Money',
      nullable: true,
      description: 'Smallest financing ticket in rupiah (funders); null means no lower limit.',
    }),
    ticketMax: t.expose('ticketMax', {
      type: 'Money',
      nullable: true,
      description: 'Largest financing ticket in rupiah (funders); null means no upper limit.',
    }),
    status: t.expose('status', { type: RecordStatusEnum, description: 'ACTIVE, or ARCHIVED by Disperin staff.' }),
    isDemo: t.exposeBoolean('isDemo', { description: 'True for demonstration data from the seed.' }),
    contacts: t.relation('contacts', {
      type: PartnerContactRef,
      description: 'Contact persons, the primary one first.',
      query: { orderBy: [{ isPrimary: 'desc' }, { name: 'asc' }, { id: 'asc' }] },
    }),
    opportunities: t.relatedConnection('opportunities', {
      cursor: 'id',
      totalCount: true,
      description: 'Opportunities the partner posted on the marketplace, newest first; every status unless openOnly.',
      args: {
        openOnly: t.arg.boolean({
          defaultValue: false,
          description: 'Only OPEN ones: stored OPEN and validUntil not yet passed (see Opportunity.status).',
        }),
      },
      query: (args, ctx) => ({
        where: args.openOnly ? { status: 'OPEN' as const, validUntil: { gte: ctx.now } } : {},
        orderBy: [{ createdAt: 'desc' as const }, { id: 'desc' as const }],
      }),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the partner was registered.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the profile last changed.' }),
  }),
});
