import { builder } from '../builder';
import { policies } from '../auth/policies';
import { idOf } from '../common/global-id';
import { refuse, runMutationInto, type Tx } from '../common/mutation';
import { enterpriseRegion } from './region';
import { type UserError, UserErrorRef, userError } from '../common/user-errors';
import type { Context } from '../context';
import type { Enterprise, EnterpriseProduct } from '../generated/prisma/client';
import { lockEnterprise, refreshSearchText } from './store';
import { EnterpriseProductRef, EnterpriseRef } from './types';
import { Checks, checkProduct, LIMITS } from './validate';

interface ProductPayload {
  enterprise: Enterprise | null;
  product: EnterpriseProduct | null;
  removedProductId?: string | null;
  userErrors: UserError[];
}

function productPayload(name: string, description: string, kind: 'changed' | 'removed') {
  return builder.objectRef<ProductPayload>(name).implement({
    description,
    fields: (t) => ({
      enterprise: t.field({
        type: EnterpriseRef,
        nullable: true,
        description: 'The enterprise after the change; null when userErrors is not empty.',
        resolve: (p) => p.enterprise,
      }),
      ...(kind === 'changed'
        ? {
            product: t.field({
              type: EnterpriseProductRef,
              nullable: true,
              description: 'The product after the change; null when userErrors is not empty.',
              resolve: (p) => p.product,
            }),
          }
        : {
            removedProductId: t.id({
              nullable: true,
              description: 'Global ID of the removed product; null when userErrors is not empty.',
              resolve: (p) => p.removedProductId ?? null,
            }),
          }),
      userErrors: t.field({
        type: [UserErrorRef],
        description: 'Problems with the input. When present nothing was changed.',
        resolve: (p) => p.userErrors,
      }),
    }),
  });
}

const EnterpriseProductAddPayload = productPayload('EnterpriseProductAddPayload', 'Result of enterpriseProductAdd.', 'changed');
const EnterpriseProductUpdatePayload = productPayload(
  'EnterpriseProductUpdatePayload',
  'Result of enterpriseProductUpdate.',
  'changed',
);
const EnterpriseProductRemovePayload = productPayload(
  'EnterpriseProductRemovePayload',
  'Result of enterpriseProductRemove.',
  'removed',
);

const NO_PRODUCT = { enterprise: null, product: null } as const;
const problems = (userErrors: UserError[]): ProductPayload => ({ ...NO_PRODUCT, userErrors });

const EnterpriseProductAddInput = builder.inputType('EnterpriseProductAddInput', {
  description: 'A new product of an IKM.',
  fields: (t) => ({
    enterpriseId: t.id({ required: true, description: 'Global ID of the enterprise.' }),
    name: t.string({ required: true, description: `Product name, at most ${LIMITS.productName} characters.` }),
    category: t.string({ required: true, description: 'Category slug, e.g. "batik-tulis".' }),
    monthlyCapacity: t.int({ required: true, description: 'Units the IKM can make in a month, 0 or more.' }),
    unit: t.string({ required: true, description: 'Unit of capacity and price, e.g. pcs, kg, lembar.' }),
    unitPrice: t.field({ type: 'Money', description: 'Indicative price per unit in rupiah.' }),
  }),
});

const EnterpriseProductUpdateInput = builder.inputType('EnterpriseProductUpdateInput', {
  description: 'Changes to a product. Omitted fields stay; unitPrice null clears the price.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the product (EnterpriseProduct).' }),
    name: t.string({ description: 'Product name.' }),
    category: t.string({ description: 'Category slug.' }),
    monthlyCapacity: t.int({ description: 'Units per month, 0 or more.' }),
    unit: t.string({ description: 'Unit.' }),
    unitPrice: t.field({ type: 'Money', description: 'Indicative price per unit; null clears it.' }),
  }),
});

const EnterpriseProductRemoveInput = builder.inputType('EnterpriseProductRemoveInput', {
  description: 'Which product to remove.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the product (EnterpriseProduct).' }),
  }),
});

/** Scope map for a product mutation: staff, or a member of the enterprise that owns the product. */
async function productScopes(globalId: string, ctx: Context) {
  const id = idOf(globalId, 'EnterpriseProduct');
  const product = id
    ? await ctx.prisma.enterpriseProduct.findUnique({ where: { id }, select: { enterpriseId: true } })
    : null;
  return policies.enterpriseOwnPeople(product?.enterpriseId ?? null);
}

/**
 * The product's enterprise, locked for the transaction; the product is read again under the lock
 * so a concurrent removal is seen. Null when the product does not exist (any more).
 */
async function lockedProduct(tx: Tx, id: string): Promise<{ enterpriseId: string } | null> {
  const before = await tx.enterpriseProduct.findUnique({ where: { id }, select: { enterpriseId: true } });
  if (!before || !(await lockEnterprise(tx, before.enterpriseId))) return null;
  return tx.enterpriseProduct.findUnique({ where: { id }, select: { enterpriseId: true } });
}

const PRODUCT_NOT_FOUND = userError('NOT_FOUND', ['input', 'id'], 'No product has this ID.');

builder.mutationFields((t) => ({
  enterpriseProductAdd: t.field({
    type: EnterpriseProductAddPayload,
    description: `Adds a product to an IKM (at most ${LIMITS.products} products each). Disperin staff or the enterprise's members.`,
    authScopes: (_root, { input }) => policies.enterpriseOwnPeople(idOf(String(input.enterpriseId), 'Enterprise')),
    args: { input: t.arg({ type: EnterpriseProductAddInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const enterpriseId = idOf(String(input.enterpriseId), 'Enterprise');
      if (!enterpriseId) return problems([userError('NOT_FOUND', ['input', 'enterpriseId'], 'No enterprise has this ID.')]);
      const c = new Checks();
      const product = checkProduct(c, input, ['input']);
      if (!c.ok) return problems(c.errors);
      return runMutationInto(ctx, { region: () => enterpriseRegion(ctx, { id: enterpriseId }, ['input', 'enterpriseId']), run: async (tx) => {
        if (!(await lockEnterprise(tx, enterpriseId))) {
          refuse(userError('NOT_FOUND', ['input', 'enterpriseId'], 'No enterprise has this ID.'));
        }
        const count = await tx.enterpriseProduct.count({ where: { enterpriseId } });
        if (count >= LIMITS.products) {
          refuse(userError('TOO_MANY', ['input', 'enterpriseId'], `An enterprise can list at most ${LIMITS.products} products; remove one first.`));
        }
        const created = await tx.enterpriseProduct.create({
          data: {
            enterpriseId,
            name: product.name!,
            category: product.category!,
            monthlyCapacity: product.monthlyCapacity!,
            unit: product.unit!,
            unitPrice: product.unitPrice ?? null,
          },
        });
        await refreshSearchText(tx, enterpriseId);
        const enterprise = await tx.enterprise.findUniqueOrThrow({ where: { id: enterpriseId } });
        return { enterprise, product: created };
      } }, NO_PRODUCT);
    },
  }),
  enterpriseProductUpdate: t.field({
    type: EnterpriseProductUpdatePayload,
    description: "Changes a product's name, category, capacity, unit or price. Disperin staff or the enterprise's members.",
    authScopes: (_root, { input }, ctx) => productScopes(String(input.id), ctx),
    args: { input: t.arg({ type: EnterpriseProductUpdateInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idOf(String(input.id), 'EnterpriseProduct');
      if (!id) return problems([PRODUCT_NOT_FOUND]);
      const c = new Checks();
      const changes = checkProduct(c, input, ['input'], { partial: true });
      if (!c.ok) return problems(c.errors);
      return runMutationInto(ctx, { region: () => enterpriseRegion(ctx, { products: { some: { id } } }, ['input', 'id']), run: async (tx) => {
        const existing = await lockedProduct(tx, id);
        if (!existing) refuse(PRODUCT_NOT_FOUND);
        const updated = await tx.enterpriseProduct.update({
          where: { id },
          data: {
            name: changes.name,
            category: changes.category,
            monthlyCapacity: changes.monthlyCapacity,
            unit: changes.unit,
            unitPrice: changes.unitPrice,
          },
        });
        await refreshSearchText(tx, existing.enterpriseId);
        const enterprise = await tx.enterprise.findUniqueOrThrow({ where: { id: existing.enterpriseId } });
        return { enterprise, product: updated };
      } }, NO_PRODUCT);
    },
  }),
  enterpriseProductRemove: t.field({
    type: EnterpriseProductRemovePayload,
    description: "Removes a product from an IKM. Disperin staff or the enterprise's members.",
    authScopes: (_root, { input }, ctx) => productScopes(String(input.id), ctx),
    args: { input: t.arg({ type: EnterpriseProductRemoveInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idOf(String(input.id), 'EnterpriseProduct');
      if (!id) return problems([PRODUCT_NOT_FOUND]);
      return runMutationInto(ctx, { region: () => enterpriseRegion(ctx, { products: { some: { id } } }, ['input', 'id']), run: async (tx) => {
        const existing = await lockedProduct(tx, id);
        if (!existing) refuse(PRODUCT_NOT_FOUND);
        await tx.enterpriseProduct.delete({ where: { id } });
        await refreshSearchText(tx, existing.enterpriseId);
        const enterprise = await tx.enterprise.findUniqueOrThrow({ where: { id: existing.enterpriseId } });
        return { enterprise, product: null, removedProductId: String(input.id) };
      } }, { ...NO_PRODUCT, removedProductId: null });
    },
  }),
}));
