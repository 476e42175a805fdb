import { builder, type Types } from '../builder';
import { SCOPE } from '../auth/key-scopes';
import { demand, policies } from '../auth/policies';
import type { Context } from '../context';
import { FunderTypeEnum, PartnerKindEnum, SectorEnum } from '../common/enums';
import { idOf } from '../common/global-id';
import { runMutation } from '../common/mutation';
// Partners (banks, distributors, buyers) have no kabupaten/kota and serve several: any Disperin
// office creates, changes and archives them, as before regions (issue 18 leaves this open).
import { NOT_REGIONAL } from '../common/region';
import { failed, payloadType } from '../common/payload';
import { checkText, type UserError, userError } from '../common/user-errors';
import { districtIdOf } from '../district/codes';
import { searchText } from '../domain/search';
import type { Partner, Prisma } from '../generated/prisma/client';
import type { FunderType, PartnerKind, Sector } from '../generated/prisma/enums';
import {
  checkDistrictCodes,
  checkRegencyCodes,
  checkEmail,
  checkKbliPrefixes,
  checkLabels,
  checkMoney,
  checkNonNegativeInt,
  checkPhone,
  checkRange,
  checkWebsite,
  slugify,
} from './checks';
import { PartnerRef } from './types';

const MAX_CONTACTS = 10;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const PartnerContactInput = builder.inputType('PartnerContactInput', {
  description: 'A contact person of a partner.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Full name, at most 120 characters.' }),
    role: t.string({ description: 'Job title or role, at most 80 characters.' }),
    phone: t.string({
      description: 'Indonesian phone number, e.g. 0812-3456-7890 or (024) 3541234; stored as E.164 (+62…).',
    }),
    email: t.string({ description: 'E-mail address.' }),
    isPrimary: t.boolean({ defaultValue: false, description: 'The first person to contact; at most one.' }),
  }),
});

/** Fields shared by create and update; on update an omitted field stays as it is and null clears it. */
function profileFields(t: PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>) {
  return {
    description: t.string({ description: 'About the organisation, at most 4000 characters.' }),
    offers: t.string({ description: 'What the partner offers IKM, in words; at most 2000 characters.' }),
    districtCode: t.string({ description: 'Kemendagri code of the kecamatan of its office (NN.NN.NN, e.g. 33.74.12); null if outside Jawa Tengah.' }),
    website: t.string({ description: 'Web site, an http:// or https:// URL.' }),
    sectors: t.field({ type: [SectorEnum], description: 'Sectors the partner seeks or serves.' }),
    kbliPrefixes: t.stringList({ description: 'KBLI prefixes of 2–5 digits within manufacturing (10–33), at most 20.' }),
    productCategories: t.stringList({ description: 'Product category slugs, at most 30, each at most 60 characters.' }),
    districtCodes: t.stringList({ description: 'Kecamatan codes the partner serves; empty for the whole city.' }),
    regencyCodes: t.stringList({
      description: 'Kemendagri codes of the kabupaten/kota the partner serves, e.g. ["33.74", "33.21"]; empty for all of Jawa Tengah. Recommendations propose only IKM inside them.',
    }),
    volumeMin: t.int({ description: 'Smallest volume it deals in (≥ 0).' }),
    volumeMax: t.int({ description: 'Largest volume it deals in (≥ volumeMin).' }),
    ticketMin: t.field({ type: 'Money', description: 'Funders: smallest financing ticket in rupiah.' }),
    ticketMax: t.field({ type: 'Money', description: 'Funders: largest financing ticket in rupiah (≥ ticketMin).' }),
    contacts: t.field({
      type: [PartnerContactInput],
      description: `Contact persons, at most ${MAX_CONTACTS}; on update the list replaces the current one.`,
    }),
  };
}

const PartnerCreateInput = builder.inputType('PartnerCreateInput', {
  description: 'A new partner organisation.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Name of the organisation, at most 160 characters.' }),
    slug: t.string({ description: 'Short name for URLs (a-z, 0-9, dashes); made from the name when omitted.' }),
    kind: t.field({ type: PartnerKindEnum, required: true, description: 'Kind of partner.' }),
    funderType: t.field({ type: FunderTypeEnum, description: 'Required for funders, not allowed for other kinds.' }),
    ...profileFields(t),
  }),
});

const PartnerUpdateInput = builder.inputType('PartnerUpdateInput', {
  description:
    "Changes to a partner. Omitted fields stay as they are; null clears an optional field. Only Disperin staff may change kind, funderType or slug.",
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the partner.' }),
    name: t.string({ description: 'Name of the organisation, at most 160 characters.' }),
    slug: t.string({ description: 'Short name for URLs (a-z, 0-9, dashes). Staff only.' }),
    kind: t.field({ type: PartnerKindEnum, description: 'Kind of partner. Staff only.' }),
    funderType: t.field({ type: FunderTypeEnum, description: 'Subtype of a funder. Staff only.' }),
    ...profileFields(t),
  }),
});

const PartnerArchiveInput = builder.inputType('PartnerArchiveInput', {
  description: 'The partner to archive.',
  fields: (t) => ({ id: t.id({ required: true, description: 'Global ID of the partner.' }) }),
});

const PartnerCreatePayload = payloadType('PartnerCreatePayload', 'partner', PartnerRef, 'Result of partnerCreate.');
const PartnerUpdatePayload = payloadType('PartnerUpdatePayload', 'partner', PartnerRef, 'Result of partnerUpdate.');
const PartnerArchivePayload = payloadType('PartnerArchivePayload', 'partner', PartnerRef, 'Result of partnerArchive.');

type CreateInput = typeof PartnerCreateInput.$inferInput;
type UpdateInput = typeof PartnerUpdateInput.$inferInput;
type AnyInput = Partial<CreateInput> & Partial<Omit<UpdateInput, 'id'>>;

const f = (...path: string[]) => ['input', ...path];

/** `value` unless the input omitted it (undefined), then the current one. */
function pick<T>(value: T | undefined, current: T): T {
  return value === undefined ? current : value;
}

interface Checked {
  errors: UserError[];
  data: Prisma.PartnerUncheckedCreateInput;
  contacts: Prisma.ContactCreateWithoutPartnerInput[] | undefined;
}

/**
 * Validates the input against the record as it will be after the change (current values for
 * omitted fields), so cross-field rules (funderType iff FUNDER, min ≤ max) hold for the result.
 */
async function checkPartner(ctx: Context, input: AnyInput, current: Partner | null): Promise<Checked> {
  const errors: UserError[] = [];
  const creating = current === null;

  errors.push(...checkText(input.name, f('name'), { required: creating || input.name !== undefined, max: 160 }));
  errors.push(...checkText(input.description, f('description'), { max: 4000 }));
  errors.push(...checkText(input.offers, f('offers'), { max: 2000 }));

  let slug: string | undefined;
  if (input.slug !== undefined && input.slug !== null) {
    slug = input.slug.trim();
    if (!SLUG.test(slug) || slug.length > 80) {
      errors.push(userError('INVALID_VALUE', f('slug'), `slug must be lower-case letters, digits and single dashes, at most 80 characters.`));
    } else {
      const other = await ctx.prisma.partner.findUnique({ where: { slug }, select: { id: true } });
      if (other && other.id !== current?.id) errors.push(userError('TAKEN', f('slug'), 'Another partner already uses this slug; give another.'));
    }
  }

  // funderType is required for funders and must be empty for everybody else. Moving a partner away
  // from FUNDER clears the funder-only fields unless the input sets them.
  const kind: PartnerKind = pick(input.kind ?? undefined, current?.kind as PartnerKind);
  const leavesFunder = !!current && current.kind === 'FUNDER' && kind !== 'FUNDER';
  const funderType = pick<FunderType | null>(input.funderType, leavesFunder ? null : (current?.funderType ?? null));
  if (kind === 'FUNDER' && !funderType) {
    errors.push(userError('INVALID_VALUE', f('funderType'), 'A funder needs a funderType (BANK, BPR, KOPERASI, FINTECH, VENTURE or GOVERNMENT_PROGRAM).'));
  }
  if (kind !== 'FUNDER' && funderType) {
    errors.push(userError('INVALID_VALUE', f('funderType'), `funderType is only for funders; this partner is a ${kind}.`));
  }

  const volumeMin = pick(input.volumeMin, current?.volumeMin ?? null);
  const volumeMax = pick(input.volumeMax, current?.volumeMax ?? null);
  errors.push(...checkNonNegativeInt(input.volumeMin, f('volumeMin'), 'volumeMin'));
  errors.push(...checkNonNegativeInt(input.volumeMax, f('volumeMax'), 'volumeMax'));
  errors.push(...checkRange(volumeMin, volumeMax, f('volumeMax'), 'Volume'));

  const ticketMin = pick(input.ticketMin, leavesFunder ? null : (current?.ticketMin ?? null));
  const ticketMax = pick(input.ticketMax, leavesFunder ? null : (current?.ticketMax ?? null));
  errors.push(...checkMoney(input.ticketMin, f('ticketMin')), ...checkMoney(input.ticketMax, f('ticketMax')));
  errors.push(...checkRange(ticketMin, ticketMax, f('ticketMax'), 'Ticket size'));
  if (kind !== 'FUNDER') {
    if (ticketMin !== null) errors.push(userError('INVALID_VALUE', f('ticketMin'), 'Ticket sizes are only for funders.'));
    if (ticketMax !== null) errors.push(userError('INVALID_VALUE', f('ticketMax'), 'Ticket sizes are only for funders.'));
  }

  errors.push(...checkWebsite(input.website, f('website')));
  const kbli = checkKbliPrefixes(input.kbliPrefixes, f('kbliPrefixes'));
  const categories = checkLabels(input.productCategories?.map((c) => c.toLowerCase()), f('productCategories'), 60);
  const districts = await checkDistrictCodes(ctx.prisma, input.districtCodes, f('districtCodes'));
  const regencies = await checkRegencyCodes(ctx.prisma, input.regencyCodes, f('regencyCodes'));
  errors.push(...kbli.errors, ...categories.errors, ...districts.errors, ...regencies.errors);

  let districtId: string | null | undefined;
  if (input.districtCode === null) districtId = null;
  else if (input.districtCode !== undefined) {
    districtId = (await districtIdOf(ctx.prisma, input.districtCode, f('districtCode'), errors)) ?? null;
  }

  // null clears the contact list; undefined leaves it.
  let contacts: Prisma.ContactCreateWithoutPartnerInput[] | undefined = input.contacts === null ? [] : undefined;
  if (input.contacts) {
    if (input.contacts.length > MAX_CONTACTS) {
      errors.push(userError('TOO_MANY', f('contacts'), `At most ${MAX_CONTACTS} contacts; got ${input.contacts.length}.`));
    } else {
      contacts = [];
      let primaries = 0;
      input.contacts.forEach((c, i) => {
        const at = (name: string) => f('contacts', String(i), name);
        errors.push(...checkText(c.name, at('name'), { required: true, max: 120 }));
        errors.push(...checkText(c.role, at('role'), { max: 80 }));
        const phone = checkPhone(c.phone, at('phone'));
        const email = checkEmail(c.email, at('email'));
        errors.push(...phone.errors, ...email.errors);
        if (c.isPrimary) primaries += 1;
        if (c.isPrimary && primaries > 1) errors.push(userError('INVALID_VALUE', at('isPrimary'), 'Only one contact can be the primary one.'));
        contacts!.push({ name: c.name.trim(), role: c.role?.trim() ?? '', phone: phone.value, email: email.value, isPrimary: !!c.isPrimary });
      });
    }
  }

  const name = pick(input.name?.trim(), current?.name ?? '');
  const description = input.description === undefined ? (current?.description ?? '') : (input.description ?? '');
  const offers = input.offers === undefined ? (current?.offers ?? '') : (input.offers ?? '');
  const data: Prisma.PartnerUncheckedCreateInput = {
    name,
    slug: slug ?? current?.slug ?? '',
    kind,
    funderType,
    description,
    offers,
    districtId: districtId === undefined ? (current?.districtId ?? null) : districtId,
    website: input.website === undefined ? (current?.website ?? null) : input.website?.trim() || null,
    sectors: input.sectors === undefined ? (current?.sectors ?? []) : [...new Set<Sector>(input.sectors ?? [])],
    kbliPrefixes: input.kbliPrefixes === undefined ? (current?.kbliPrefixes ?? []) : kbli.prefixes,
    productCategories: input.productCategories === undefined ? (current?.productCategories ?? []) : categories.labels,
    districtCodes: input.districtCodes === undefined ? (current?.districtCodes ?? []) : districts.codes,
    regencyCodes: input.regencyCodes === undefined ? (current?.regencyCodes ?? []) : regencies.codes,
    volumeMin,
    volumeMax,
    ticketMin,
    ticketMax,
    searchText: searchText(name, offers, description),
  };
  return { errors, data, contacts };
}

/** The slug from the name, with -2, -3… when it is taken. */
async function freeSlug(ctx: Context, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (await ctx.prisma.partner.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((p) => p.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

const SLUG_TAKEN = () => userError('TAKEN', f('slug'), 'Another partner already uses this slug.');

builder.mutationFields((t) => ({
  partnerCreate: t.field({
    type: PartnerCreatePayload,
    description: 'Registers a partner organisation (buyer, supplier, distributor or funder). Disperin staff only.',
    authScopes: policies.staff,
    args: { input: t.arg({ type: PartnerCreateInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { errors, data, contacts } = await checkPartner(ctx, input, null);
      // Read before the transaction: PGlite runs one at a time, so a read beside it would wait for it.
      const slug = errors.length > 0 || input.slug ? data.slug : await freeSlug(ctx, data.name);
      return runMutation(ctx, {
        region: NOT_REGIONAL,
        validate: () => errors,
        run: (tx) => tx.partner.create({ data: { ...data, slug, contacts: contacts ? { create: contacts } : undefined } }),
        onUniqueViolation: SLUG_TAKEN,
      });
    },
  }),
  partnerUpdate: t.field({
    type: PartnerUpdatePayload,
    description:
      "Changes a partner's profile. Disperin staff, or the partner's own members (an API key needs the scope PARTNER_PROFILE_WRITE). Only staff may change kind, funderType or slug.",
    authScopes: (_root, args) => policies.staffOrPartnerActing(idOf(String(args.input.id), 'Partner'), SCOPE.PARTNER_PROFILE_WRITE),
    args: { input: t.arg({ type: PartnerUpdateInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idOf(String(input.id), 'Partner');
      const current = id ? await ctx.prisma.partner.findUnique({ where: { id } }) : null;
      if (!id || !current) return failed([userError('NOT_FOUND', f('id'), 'No partner has this ID.')]);
      if (input.kind != null || input.funderType !== undefined || input.slug != null) {
        demand(ctx.viewer, policies.staff, "Only Disperin staff may change a partner's kind, funderType or slug.");
      }
      const { errors, data, contacts } = await checkPartner(ctx, { ...input, id: undefined } as AnyInput, current);
      return runMutation(ctx, {
        region: NOT_REGIONAL,
        validate: () => errors,
        run: (tx) => tx.partner.update({ where: { id }, data: { ...data, contacts: contacts ? { deleteMany: {}, create: contacts } : undefined } }),
        onUniqueViolation: SLUG_TAKEN,
      });
    },
  }),
  partnerArchive: t.field({
    type: PartnerArchivePayload,
    description:
      'Archives a partner: it leaves the default partner lists and its API keys stop working. Its opportunities and history stay. Disperin staff only; archiving twice is harmless.',
    authScopes: policies.staff,
    args: { input: t.arg({ type: PartnerArchiveInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idOf(String(input.id), 'Partner');
      const current = id ? await ctx.prisma.partner.findUnique({ where: { id }, select: { id: true } }) : null;
      if (!id || !current) return failed([userError('NOT_FOUND', f('id'), 'No partner has this ID.')]);
      return runMutation(ctx, { region: NOT_REGIONAL, run: (tx) => tx.partner.update({ where: { id }, data: { status: 'ARCHIVED' } }) });
    },
  }),
}));
