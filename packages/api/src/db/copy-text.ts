/**
 * Rows in the text format of PostgreSQL's COPY (https://www.postgresql.org/docs/current/sql-copy.html,
 * "Text Format"): one line per row, columns separated by tabs, NULL as \N, and backslash, tab,
 * newline and carriage return escaped with a backslash. Arrays are written as array literals
 * (https://www.postgresql.org/docs/current/arrays.html#ARRAYS-IO), each element double-quoted.
 */
export function copyText(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  let text = '';
  for (const row of rows) text += `${columns.map((c) => field(row[c])).join('\t')}\n`;
  return text;
}

function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value !== 'string' && !Array.isArray(value)) return String(value);
  if (Array.isArray(value)) return escaped(`{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  return escaped(String(value));
}

const SPECIAL: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const NEEDS_ESCAPE = /[\\\t\n\r]/;

function escaped(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => SPECIAL[c]!) : text;
}
