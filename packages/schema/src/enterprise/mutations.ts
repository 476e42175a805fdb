import { builder } from '../builder';
import { policies } from '../auth/policies';
import { idOf } from '../common/global-id';
import { isUniqueViolation, refuse, runMutation } from '../common/mutation';
import { failed, payloadType } from '../common/payload';
import { userError } from '../common/user-errors';
import type { Context } from '../context';
import type { Prisma } from '../generated/prisma/client';
import {
  EnterpriseArchiveInput,
  EnterpriseCreateInput,
  type EnterpriseCreateShape,
  EnterpriseUpdateInput,
  type EnterpriseUpdateShape,
} from './inputs';
import { semarangToday } from './size';
import { districtIdOf } from '../district/codes';
import { enterpriseSearchText } from '../domain/search';
import type { CurrentCredit } from '../generated/prisma/enums';
import { recordProfileFigures } from './history';
import { lockEnterprise, refreshSearchText } from './store';
import { EnterpriseRef } from './types';
import {
  Checks,
  checkCertifications,
  checkContacts,
  checkEmployees,
  checkFoundedOn,
  checkKbliCodes,
  checkMoney,
  checkNib,
  checkNpwp,
  checkProducts,
  LIMITS,
  type Path,
} from './validate';

export const EnterpriseCreatePayload = payloadType(
  'EnterpriseCreatePayload',
  'enterprise',
  EnterpriseRef,
  'Result of enterpriseCreate.',
);
export const EnterpriseUpdatePayload = payloadType(
  'EnterpriseUpdatePayload',
  'enterprise',
  EnterpriseRef,
  'Result of enterpriseUpdate.',
);
export const EnterpriseArchivePayload = payloadType(
  'EnterpriseArchivePayload',
  'enterprise',
  EnterpriseRef,
  'Result of enterpriseArchive.',
);

// The message names the rule, not the NIB: errors never repeat input values.
const NIB_TAKEN = userError('TAKEN', ['input', 'nib'], 'Another enterprise in the registry already has this NIB.');

/** The sentra behind a global ID, or a NOT_FOUND user error. */
async function sentraFor(c: Checks, ctx: Context, globalId: string, field: Path) {
  const id = idOf(globalId, 'Sentra');
  const sentra = id ? await ctx.prisma.sentra.findUnique({ where: { id }, select: { id: true, name: true } }) : null;
  if (!sentra) c.add('NOT_FOUND', field, 'No sentra has this ID.');
  return sentra ?? undefined;
}

async function nibTaken(ctx: Context, nib: string, exceptId?: string): Promise<boolean> {
  const other = await ctx.prisma.enterprise.findUnique({ where: { nib }, select: { id: true } });
  return !!other && other.id !== exceptId;
}

/** A required value given as explicit null in a partial update. */
function notNull<T>(c: Checks, value: T | null | undefined, field: Path): value is T {
  if (value === null) c.add('REQUIRED', field, `${field.at(-1)} cannot be null; omit it to keep the current value.`);
  return value != null;
}

async function create(input: EnterpriseCreateShape, ctx: Context) {
  const today = semarangToday(ctx.now);
  const c = new Checks();
  const p = (...rest: string[]): Path => ['input', ...rest];
  const nib = checkNib(c, input.nib, p('nib'));
  const npwp = checkNpwp(c, input.npwp ?? null, p('npwp'));
  const name = c.text(input.name, p('name'), { required: true, max: LIMITS.name });
  const description = c.text(input.description ?? '', p('description'), { max: LIMITS.description });
  const address = c.text(input.address, p('address'), { required: true, max: LIMITS.address });
  const foundedOn = checkFoundedOn(c, input.foundedOn, p('foundedOn'), today);
  const employees = checkEmployees(c, input.employees, p('employees'));
  const annualTurnover = checkMoney(c, input.annualTurnover ?? null, p('annualTurnover'));
  const businessCapital = checkMoney(c, input.businessCapital ?? null, p('businessCapital'));
  const kbliCodes = checkKbliCodes(c, input.kbliCodes, p('kbliCodes'), { required: true });
  const certifications = checkCertifications(c, input.certifications ?? [], p('certifications'), today);
  const contacts = checkContacts(c, input.contacts ?? [], p('contacts'));
  const products = checkProducts(c, input.products ?? [], p('products'));
  const districtId = await districtIdOf(ctx.prisma, input.districtCode, p('districtCode'), c.errors);
  let sentra: { id: string; name: string } | null | undefined = null;
  const productRows = products!.map((x) => ({
    name: x.name!,
    category: x.category!,
    monthlyCapacity: x.monthlyCapacity!,
    unit: x.unit!,
    unitPrice: x.unitPrice ?? null,
  }));
  return runMutation(ctx, {
    // The region first: an office learns nothing of another region's registry (a taken NIB, a sentra).
    region: () => (districtId ? [{ districtId, field: p('districtCode') }] : []),
    validate: async () => {
      if (input.sentraId != null) sentra = await sentraFor(c, ctx, String(input.sentraId), p('sentraId'));
      if (nib && (await nibTaken(ctx, nib))) c.errors.push(NIB_TAKEN);
      return c.errors;
    },
    run: async (tx) => {
      const { id } = await tx.enterprise.create({
        data: {
          nib: nib!,
          npwp: npwp ?? null,
          name: name!,
          description: description ?? '',
          sector: input.sector,
          sentra: sentra ? { connect: { id: sentra.id } } : undefined,
          district: { connect: { id: districtId! } },
          address: address!,
          foundedOn: foundedOn!,
          employees: employees!,
          bookkeeping: input.bookkeeping,
          hasFinancialStatements: input.hasFinancialStatements,
          searchText: enterpriseSearchText({ name: name!, description: description ?? '' }, productRows, sentra?.name),
          kbliCodes: { create: kbliCodes! },
          certifications: { create: certifications! },
          contacts: { create: contacts! },
          products: { create: productRows },
        },
        select: { id: true },
      });
      await recordProfileFigures(tx, id, today, { annualTurnover: annualTurnover ?? undefined, businessCapital: businessCapital ?? undefined }, input.currentCredit);
      return tx.enterprise.findUniqueOrThrow({ where: { id } });
    },
    // Two officers registering the same NIB at once: the unique index decides, the loser gets TAKEN.
    onUniqueViolation: (error) => (isUniqueViolation(error, 'nib') ? NIB_TAKEN : null),
  });
}

async function update(input: EnterpriseUpdateShape, ctx: Context) {
  const today = semarangToday(ctx.now);
  const p = (...rest: string[]): Path => ['input', ...rest];
  const id = idOf(String(input.id), 'Enterprise');
  const exists = id ? await ctx.prisma.enterprise.findUnique({ where: { id }, select: { id: true, districtId: true } }) : null;
  if (!id || !exists) return failed([userError('NOT_FOUND', p('id'), 'No enterprise has this ID.')]);

  const c = new Checks();
  const data: Prisma.EnterpriseUpdateInput = {};
  // The single financial values go to the history (history.ts), which derives the columns.
  const figures: { annualTurnover?: bigint | null; businessCapital?: bigint | null } = {};
  let currentCredit: CurrentCredit | undefined;
  if (input.nib !== undefined && notNull(c, input.nib, p('nib'))) {
    data.nib = checkNib(c, input.nib, p('nib'));
  }
  if (input.npwp !== undefined) data.npwp = checkNpwp(c, input.npwp, p('npwp'));
  if (input.name !== undefined) data.name = c.text(input.name, p('name'), { required: true, max: LIMITS.name });
  if (input.description !== undefined && notNull(c, input.description, p('description'))) {
    data.description = c.text(input.description, p('description'), { max: LIMITS.description });
  }
  if (input.sector !== undefined && notNull(c, input.sector, p('sector'))) data.sector = input.sector;
  if (input.sentraId === null) data.sentra = { disconnect: true };
  if (input.districtCode !== undefined && notNull(c, input.districtCode, p('districtCode'))) {
    const districtId = await districtIdOf(ctx.prisma, input.districtCode, p('districtCode'), c.errors);
    if (districtId) data.district = { connect: { id: districtId } };
  }
  if (input.address !== undefined) {
    data.address = c.text(input.address, p('address'), { required: true, max: LIMITS.address });
  }
  if (input.foundedOn !== undefined && notNull(c, input.foundedOn, p('foundedOn'))) {
    data.foundedOn = checkFoundedOn(c, input.foundedOn, p('foundedOn'), today);
  }
  if (input.employees !== undefined && notNull(c, input.employees, p('employees'))) {
    data.employees = checkEmployees(c, input.employees, p('employees'));
  }
  if (input.annualTurnover !== undefined) {
    figures.annualTurnover = checkMoney(c, input.annualTurnover, p('annualTurnover'));
  }
  if (input.businessCapital !== undefined) {
    figures.businessCapital = checkMoney(c, input.businessCapital, p('businessCapital'));
  }
  if (input.bookkeeping !== undefined && notNull(c, input.bookkeeping, p('bookkeeping'))) {
    data.bookkeeping = input.bookkeeping;
  }
  if (input.hasFinancialStatements !== undefined && notNull(c, input.hasFinancialStatements, p('hasFinancialStatements'))) {
    data.hasFinancialStatements = input.hasFinancialStatements;
  }
  if (input.currentCredit !== undefined && notNull(c, input.currentCredit, p('currentCredit'))) {
    currentCredit = input.currentCredit;
  }
  if (input.kbliCodes != null) {
    const rows = checkKbliCodes(c, input.kbliCodes, p('kbliCodes'), { required: true });
    if (rows) data.kbliCodes = { deleteMany: {}, create: rows };
  }
  if (input.certifications != null) {
    const rows = checkCertifications(c, input.certifications, p('certifications'), today);
    if (rows) data.certifications = { deleteMany: {}, create: rows };
  }
  if (input.contacts != null) {
    const rows = checkContacts(c, input.contacts, p('contacts'));
    if (rows) data.contacts = { deleteMany: {}, create: rows };
  }
  const movedTo = data.district?.connect?.id;
  return runMutation(ctx, {
    region: () => [
      { districtId: exists.districtId, field: p('id') },
      ...(movedTo ? [{ districtId: movedTo, field: p('districtCode') }] : []),
    ],
    // After the region: what the registry holds (a taken NIB, a sentra) is read for the IKM's own office only.
    validate: async () => {
      if (typeof data.nib === 'string' && (await nibTaken(ctx, data.nib, id))) c.errors.push(NIB_TAKEN);
      if (input.sentraId != null) {
        const sentra = await sentraFor(c, ctx, String(input.sentraId), p('sentraId'));
        if (sentra) data.sentra = { connect: { id: sentra.id } };
      }
      return c.errors;
    },
    run: async (tx) => {
      if (!(await lockEnterprise(tx, id))) refuse(userError('NOT_FOUND', p('id'), 'No enterprise has this ID.'));
      await tx.enterprise.update({ where: { id }, data });
      await recordProfileFigures(tx, id, today, figures, currentCredit);
      await refreshSearchText(tx, id);
      return tx.enterprise.findUniqueOrThrow({ where: { id } });
    },
    onUniqueViolation: (error) => (isUniqueViolation(error, 'nib') && typeof data.nib === 'string' ? NIB_TAKEN : null),
  });
}

builder.mutationFields((t) => ({
  enterpriseCreate: t.field({
    type: EnterpriseCreatePayload,
    description:
      'Registers an IKM with its KBLI codes, certifications, contacts and products, all or nothing. Disperin staff only, in a kecamatan of their office\'s kabupaten/kota (the provincial office: any); another kabupaten/kota is a FORBIDDEN user error on ["input", "districtCode"]. A NIB already in the registry is a TAKEN user error on ["input", "nib"].',
    authScopes: policies.staff,
    args: { input: t.arg({ type: EnterpriseCreateInput, required: true }) },
    resolve: (_root, { input }, ctx) => create(input, ctx),
  }),
  enterpriseUpdate: t.field({
    type: EnterpriseUpdatePayload,
    description:
      "Changes an IKM profile: the given scalar fields, and the whole list of KBLI codes, certifications or contacts when given. Disperin staff or the enterprise's own members; changing the NIB is for staff only. Staff of a kabupaten/kota's office change only its IKM (a FORBIDDEN user error on [\"input\", \"id\"] otherwise) and move them only within it.",
    authScopes: (_root, { input }) =>
      input.nib !== undefined ? policies.staff : policies.enterpriseOwnPeople(idOf(String(input.id), 'Enterprise')),
    args: { input: t.arg({ type: EnterpriseUpdateInput, required: true }) },
    resolve: (_root, { input }, ctx) => update(input, ctx),
  }),
  enterpriseArchive: t.field({
    type: EnterpriseArchivePayload,
    description:
      'Archives an IKM (status ARCHIVED): it stays readable by ID and NIB but leaves the default lists. Archiving an archived enterprise changes nothing. Disperin staff only, of the IKM\'s kabupaten/kota or the provincial office (a FORBIDDEN user error otherwise).',
    authScopes: policies.staff,
    args: { input: t.arg({ type: EnterpriseArchiveInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idOf(String(input.id), 'Enterprise');
      const existing = id ? await ctx.prisma.enterprise.findUnique({ where: { id } }) : null;
      if (!id || !existing) return failed([userError('NOT_FOUND', ['input', 'id'], 'No enterprise has this ID.')]);
      return runMutation(ctx, {
        region: () => [{ districtId: existing.districtId, field: ['input', 'id'] }],
        run: async (tx) => (existing.status === 'ARCHIVED' ? existing : tx.enterprise.update({ where: { id }, data: { status: 'ARCHIVED' } })),
      });
    },
  }),
}));
