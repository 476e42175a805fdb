import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedSchema, schemaFile } from '../src/print';

describe('printed schema', () => {
  it('schema.graphql is committed as the code prints it (run `pnpm schema:print` after a change)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(printedSchema());
  });
});
