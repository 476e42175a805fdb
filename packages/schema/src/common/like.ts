/** Escapes LIKE wildcards so "%" or "_" typed by a person match themselves (Prisma's contains does not). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
