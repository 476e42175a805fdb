import type { ObjectRef } from '@pothos/core';
import { builder, type Types } from '../builder';
import { type UserError, UserErrorRef } from './user-errors';

export interface Payload<T> {
  record: T | null;
  userErrors: UserError[];
}

/** A mutation payload `{ <field>: <Type>, userErrors }`, after Shopify's convention. */
export function payloadType<T>(name: string, field: string, type: ObjectRef<Types, T>, description: string) {
  return builder.objectRef<Payload<T>>(name).implement({
    description,
    fields: (t) => ({
      [field]: t.field({
        type,
        nullable: true,
        description: 'The record after the change; null when userErrors is not empty.',
        // Pothos cannot narrow a generic nullable result; the shape is checked by Payload<T>.
        resolve: (p) => p.record as never,
      }),
      userErrors: t.field({
        type: [UserErrorRef],
        description: 'Problems with the input. When present nothing was changed.',
        resolve: (p) => p.userErrors,
      }),
    }),
  });
}

export function failed(userErrors: UserError[]): Payload<never> {
  return { record: null, userErrors };
}

export function succeeded<T>(record: T): Payload<T> {
  return { record, userErrors: [] };
}
