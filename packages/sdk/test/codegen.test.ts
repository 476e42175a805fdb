import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_FILES, generateSdk, sdkRoot, writeGenerated } from '../scripts/codegen';
import * as generated from '../src/generated/graphql';
import { operationsByDocument } from '../src/generated/operations';

describe('generated SDK code', () => {
  it('the committed generated files are what codegen produces now (run `pnpm sdk:codegen` after changing the schema or an operation)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'temu-sdk-codegen-'));
    try {
      const { files } = await generateSdk();
      writeGenerated(files, dir);
      expect(files.map((f) => f.path).sort()).toEqual([...GENERATED_FILES].sort());
      for (const path of GENERATED_FILES) {
        expect(readFileSync(join(sdkRoot, path), 'utf8'), `${path} is out of date`).toBe(readFileSync(join(dir, path), 'utf8'));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('the allow-list holds every operation the SDK sends, under the SHA-256 of the exact text sent', () => {
    const allowList = JSON.parse(readFileSync(join(sdkRoot, 'persisted-operations.json'), 'utf8')) as Record<string, string>;
    const documents = Object.entries(generated)
      .filter(([name]) => name.endsWith('Document'))
      .map(([, document]) => String(document));
    expect(documents.length).toBe(operationsByDocument.size);
    expect(Object.keys(allowList)).toHaveLength(documents.length);
    for (const document of documents) {
      const info = operationsByDocument.get(document);
      const hash = createHash('sha256').update(document).digest('hex');
      expect(info?.hash).toBe(hash);
      expect(allowList[hash]).toBe(document);
    }
  });
});
