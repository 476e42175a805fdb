import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { schema } from './schema';

/** The committed SDL the SDK is generated from; a test fails when it drifts from the code. */
export const schemaFile = new URL('../schema.graphql', import.meta.url);

export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(schemaFile, printedSchema());
  console.log(`wrote ${schemaFile.pathname}`);
}
