import { builder } from '../builder';
import { isAnonymous, isStaff, type Viewer } from '../auth/viewer';
import { UserRole } from '../generated/prisma/enums';
import { ApiScopeEnum, scopeName } from './scopes';
import { noRow } from '../common/no-row';

const UserRoleEnum = builder.enumType(UserRole, {
  name: 'UserRole',
  description:
    'ADMIN and OFFICER are Disperin staff; ENTERPRISE is an IKM owner or staff member; PARTNER a member of a partner organisation.',
});

const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'Who the current request is authenticated as.',
  fields: (t) => ({
    authenticated: t.boolean({
      description: 'False for anonymous callers, who see only the public directory.',
      resolve: (v) => !isAnonymous(v),
    }),
    role: t.field({
      type: UserRoleEnum,
      nullable: true,
      description: "The person's role; null for API keys and anonymous callers.",
      resolve: (v) => v.role,
    }),
    user: t.prismaField({
      type: 'User',
      nullable: true,
      description: 'The signed-in person.',
      resolve: (query, v, _args, ctx) => (v.userId ? ctx.prisma.user.findUnique({ ...query, where: { id: v.userId } }) : noRow(query)),
    }),
    partner: t.prismaField({
      type: 'Partner',
      nullable: true,
      description: 'The partner organisation the person or API key acts for.',
      resolve: (query, v, _args, ctx) =>
        v.partner ? ctx.prisma.partner.findUnique({ ...query, where: { id: v.partner.id } }) : noRow(query),
    }),
    enterpriseIds: t.stringList({
      description: 'Database ids of the enterprises the person belongs to.',
      resolve: (v) => [...v.enterpriseIds],
    }),
    apiKeyScopes: t.field({
      type: [ApiScopeEnum],
      nullable: true,
      description: "The API key's scopes; null for people.",
      resolve: (v) => v.scopes?.flatMap((s) => scopeName(s) ?? []) ?? null,
    }),
  }),
});

builder.prismaObject('User', {
  description: 'A person who signs in: Disperin staff, an IKM owner or staff member, or a member of a partner organisation.',
  authScopes: (user, { viewer }) => viewer.userId === user.id || isStaff(viewer),
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database id of the person.' }),
    name: t.exposeString('name', { description: 'Full name.' }),
    email: t.exposeString('email', { description: 'Sign-in e-mail address.' }),
    role: t.expose('role', { type: UserRoleEnum, description: 'Role.' }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    description: 'Who you are authenticated as (send `Authorization: Bearer <token or API key>`).',
    resolve: (_root, _args, ctx) => ctx.viewer,
  }),
);
