import { parseArgs } from 'node:util';
import { createMigration, diffMigrationsToSchema } from './migration-create';

/** `db:migration:create --name <name>`: writes the next migration, or says there is nothing to do. */
export async function runMigrationCreate(argv: string[]): Promise<string | null> {
  const { values } = parseArgs({ args: argv, options: { name: { type: 'string' } }, strict: true });
  if (!values.name) throw new Error('Usage: db:migration:create --name <lowercase_name>');
  const created = await createMigration(values.name);
  console.log(created ? `Created ${created.path}` : 'No schema changes: nothing to create.');
  return created?.path ?? null;
}

/** Prints and returns the SQL the migrations lack to match the schema; '' means no drift. */
export async function runDriftCheck(): Promise<string> {
  const sql = await diffMigrationsToSchema();
  console.log(sql || 'No drift: the migrations match prisma/schema.prisma.');
  return sql;
}
