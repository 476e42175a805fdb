import { fileURLToPath } from 'node:url';

/** The repository's prisma/ folder: one schema and one migration history for both databases. */
export const prismaDir = fileURLToPath(new URL('../../../../prisma/', import.meta.url));
export const schemaPath = `${prismaDir}schema.prisma`;
export const migrationsDir = `${prismaDir}migrations`;
