import type { PrismaClient, UserRole } from '@temu-bisnis/schema/prisma';
import { openConfiguredDatabase } from '../db/configured';
import type { Config } from '../config';

/** Staff first, then the partners' members, then IKM owners: the order people look for a demo account in. */
const ROLE_ORDER: readonly UserRole[] = ['ADMIN', 'OFFICER', 'PARTNER', 'ENTERPRISE'];

export interface DemoAccount {
  email: string;
  role: UserRole;
  /** Partner kind (FUNDER, BUYER, DISTRIBUTOR, SUPPLIER), IKM, or DISPERIN for staff. */
  organisationKind: string;
  organisation: string;
  /** OWNER, ANALYST or STAFF within that organisation; empty for Disperin staff. */
  membership: string;
}

/** The seeded (demo) users, one row per organisation they belong to, in ROLE_ORDER. */
export async function listDemoAccounts(prisma: PrismaClient, role?: UserRole): Promise<DemoAccount[]> {
  const users = await prisma.user.findMany({
    where: { isDemo: true, ...(role ? { role } : {}) },
    select: {
      email: true,
      role: true,
      office: { select: { name: true } },
      memberships: {
        select: { role: true, enterprise: { select: { name: true } }, partner: { select: { name: true, kind: true } } },
      },
    },
  });
  const rows = users.flatMap((user): DemoAccount[] => {
    if (user.memberships.length === 0) {
      return [{ email: user.email, role: user.role, organisationKind: 'DISPERIN', organisation: user.office?.name ?? '', membership: '' }];
    }
    return user.memberships.map((m) => ({
      email: user.email,
      role: user.role,
      organisationKind: m.partner?.kind ?? 'IKM',
      organisation: m.partner?.name ?? m.enterprise?.name ?? '',
      membership: m.role,
    }));
  });
  return rows.sort(
    (a, b) =>
      ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) ||
      a.organisationKind.localeCompare(b.organisationKind) ||
      a.organisation.localeCompare(b.organisation) ||
      a.email.localeCompare(b.email),
  );
}

/** A plain-text table (columns padded to their widest cell) for a terminal. */
export function formatDemoAccounts(rows: readonly DemoAccount[]): string {
  const header = ['ROLE', 'KIND', 'ORGANISATION', 'MEMBER AS', 'E-MAIL'];
  const cells = rows.map((r) => [r.role, r.organisationKind, r.organisation, r.membership, r.email]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((cell, i) => (i === c.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ');
  return [line(header), ...cells.map(line)].join('\n');
}

function parseRoleArg(args: readonly string[]): UserRole | undefined {
  const at = args.indexOf('--role');
  if (at < 0) return undefined;
  const value = args[at + 1]?.toUpperCase();
  if (!value || !(ROLE_ORDER as readonly string[]).includes(value)) {
    throw new Error(`--role must be one of ${ROLE_ORDER.join(', ')}.`);
  }
  return value as UserRole;
}

/** `pnpm cli users [--role R]`: who to sign in as (`pnpm cli token --email …`) to try the API. */
export async function runUsersList(config: Config, args: readonly string[]): Promise<void> {
  const role = parseRoleArg(args);
  const db = await openConfiguredDatabase(config);
  try {
    const rows = await listDemoAccounts(db.prisma, role);
    if (rows.length === 0) {
      console.log('No demo accounts: load them with `pnpm db:seed`.');
      return;
    }
    console.log(formatDemoAccounts(rows));
    console.log(`\n${rows.length} row(s). A sign-in token: pnpm cli token --email <e-mail>`);
  } finally {
    await db.close();
  }
}
