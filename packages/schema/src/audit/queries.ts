import { builder } from '../builder';
import { policies } from '../auth/policies';
import { idOf } from '../common/global-id';
import { NO_ID } from '../domain/identifiers/uuid';
import type { Prisma } from '../generated/prisma/client';

builder.prismaNode('AuditRecord', {
  description:
    "A record of a read of consent-protected data or of a change made by a partner: who (person or API key), what, when. Disperin staff: a record about an IKM is read by its kabupaten/kota's office and the provincial office; one about no IKM (a partner's own keys, webhooks…) by every office, as partners are.",
  id: { field: 'id' },
  nullable: true,
  // The kabupaten/kota of the IKM concerned, which the record keeps (common/region.ts); a record of no IKM is every office's.
  authScopes: (r) => (r.enterpriseId ? { staffOf: r.regencyId } : policies.staff),
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime', description: 'When it happened.' }),
    action: t.exposeString('action', { description: 'What was done, e.g. READ_PROTECTED or the mutation name.' }),
    subjectType: t.exposeString('subjectType', { description: 'Type of the record concerned, e.g. Enterprise.' }),
    subjectId: t.exposeString('subjectId', { description: 'Database id of the record concerned.' }),
    fields: t.exposeStringList('fields', { description: 'Fields read or input fields given.' }),
    actorUserId: t.exposeString('actorUserId', { nullable: true, description: 'Database id of the person, if a person.' }),
    apiKeyId: t.exposeString('apiKeyId', { nullable: true, description: 'Database id of the API key, if a program.' }),
    partnerId: t.exposeString('partnerId', { nullable: true, description: 'Database id of the partner organisation acting.' }),
    enterpriseId: t.exposeString('enterpriseId', { nullable: true, description: 'Database id of the enterprise whose data it was.' }),
    requestId: t.exposeString('requestId', { nullable: true, description: 'Request id, to match server logs.' }),
  }),
});

const AuditFilter = builder.inputType('AuditFilter', {
  description: 'Narrows the audit trail. Conditions combine with AND.',
  fields: (t) => ({
    partnerId: t.id({ description: 'Global ID of the acting partner.' }),
    enterpriseId: t.id({ description: 'Global ID of the enterprise whose data was concerned.' }),
    action: t.string({ description: 'Exact action name.' }),
    since: t.field({ type: 'DateTime', description: 'At or after this instant.' }),
  }),
});

builder.queryField('auditRecords', (t) =>
  t.prismaConnection({
    type: 'AuditRecord',
    cursor: 'id',
    description:
      "The audit trail, newest first. Disperin staff only: the provincial office reads all of it. A kabupaten/kota's office reads the records about its own kabupaten/kota's IKM (those of an IKM moved to another go with it) and those about no IKM (partners' own changes, as partners are every office's); filter.enterpriseId naming an IKM of another kabupaten/kota lists nothing, as one that does not exist.",
    authScopes: policies.staff,
    args: { filter: t.arg({ type: AuditFilter }) },
    resolve: (query, _root, { filter }, ctx) => {
      const enterpriseId = filter?.enterpriseId ? (idOf(String(filter.enterpriseId), 'Enterprise') ?? NO_ID) : null;
      const regencyId = ctx.viewer.regencyId;
      const where: Prisma.AuditRecordWhereInput = {
        ...(filter?.partnerId ? { partnerId: idOf(String(filter.partnerId), 'Partner') ?? '-' } : {}),
        ...(enterpriseId ? { enterpriseId } : {}),
        // A regional office: its own IKM's records and those about none.
        ...(regencyId === null ? {} : { OR: [{ enterpriseId: null }, { regencyId }] }),
        ...(filter?.action ? { action: filter.action } : {}),
        ...(filter?.since ? { at: { gte: filter.since } } : {}),
      };
      return ctx.prisma.auditRecord.findMany({ ...query, where, orderBy: [{ at: 'desc' }, { id: 'desc' }] });
    },
  }),
);
