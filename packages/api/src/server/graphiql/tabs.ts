import { readFileSync } from 'node:fs';

/** The tabs GraphiQL opens with, one per kind of user, in this order: examples/<use>.graphql. */
const USES = ['public', 'bank', 'distributor', 'disperin', 'ikm-owner'] as const;

export interface ExampleTab {
  use: (typeof USES)[number];
  /** The whole file: GraphiQL sends a tab's whole document with each run, whichever operation runs. */
  query: string;
  /** JSON for the Headers editor: how to sign in as this kind of user; `{}` (anonymous) without a `# Sign in:` line. */
  headers: string;
  /** JSON for the Variables editor, from the file's `# Variables:` line; null without one. */
  variables: string | null;
  /** The seeded demo account the tab signs in as (its `# Sign in: pnpm cli token --email …` line). */
  signInEmail: string | null;
}

export function loadExampleTabs(): ExampleTab[] {
  return USES.map((use) => {
    const query = readFileSync(new URL(`./examples/${use}.graphql`, import.meta.url), 'utf8');
    const signInEmail = /^# Sign in: pnpm cli token --email (\S+)$/m.exec(query)?.[1] ?? null;
    const variables = /^# Variables: (\{.*\})$/m.exec(query)?.[1];
    return {
      use,
      query,
      headers: pretty(signInEmail ? { Authorization: `Bearer <token from: pnpm cli token --email ${signInEmail}>` } : {}),
      variables: variables === undefined ? null : pretty(JSON.parse(variables)),
      signInEmail,
    };
  });
}

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
