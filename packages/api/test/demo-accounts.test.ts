import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoAccount, listDemoAccounts } from '../src/cli/users';
import type { Database } from '../src/db/connection';
import { openTestDatabase } from './support/database';

const partnerDocs = readFileSync(new URL('../../../docs/partners/README.md', import.meta.url), 'utf8');

/** The rows of the "Demo accounts" table in docs/partners/README.md. */
function documentedAccounts(): DemoAccount[] {
  const section = partnerDocs.slice(partnerDocs.indexOf('## Demo accounts'));
  return section
    .split('\n')
    .filter((line) => /^\| (ADMIN|OFFICER|PARTNER|ENTERPRISE) \|/.test(line))
    .map((line) => {
      const [role, organisationKind, organisation, membership, email] = line.split('|').slice(1, -1).map((cell) => cell.trim()) as [string, string, string, string, string];
      return { role, organisationKind, organisation, membership, email } as DemoAccount;
    });
}

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase({ seeded: true });
});
afterAll(() => db.close());

describe('the demo accounts a partner developer is told to sign in with', () => {
  it('are the seeded staff and partner accounts, row for row, as `pnpm cli users` lists them', async () => {
    const seeded = await listDemoAccounts(db.prisma);
    const documented = documentedAccounts();
    expect(documented.length).toBeGreaterThan(10);
    expect(documented).toEqual(seeded.filter((a) => a.role !== 'ENTERPRISE'));
    // The text beside the table counts the IKM owners it leaves out.
    const owners = new Set(seeded.filter((a) => a.role === 'ENTERPRISE').map((a) => a.email)).size;
    expect(partnerDocs).toContain(`with the ${owners} IKM owners too`);
  });
});
