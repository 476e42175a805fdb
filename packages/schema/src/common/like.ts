/** Escapes LIKE wildcards so "%" or "_" typed by a person match themselves (Prisma's contains does not). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A `name` containing the text, case-insensitive; no condition for no text (a list's `search`). */
export function nameContains(search: string | null | undefined) {
  return search ? { name: { contains: escapeLike(search), mode: 'insensitive' as const } } : {};
}
