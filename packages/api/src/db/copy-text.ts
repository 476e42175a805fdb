/**
 * Rows in the text format of PostgreSQL's COPY (https://www.postgresql.org/docs/current/sql-copy.html,
 * "Text Format"): one line per row, columns separated by tabs, NULL as \N, and backslash, tab,
 * newline and carriage return escaped with a backslash. Arrays are written as array literals
 * (https://www.postgresql.org/docs/current/arrays.html#ARRAYS-IO), each element double-quoted, and
 * instants in ISO 8601.
 */
export function copyText(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  let text = '';
  for (const row of rows) text += copyLine(columns.map((c) => row[c]));
  return text;
}

/** One row's line, its values in the order of the COPY's columns: bulk loads write these without building rows. */
export function copyLine(values: readonly unknown[]): string {
  // join builds one flat string: a line concatenated field by field is a chain of small strings
  // that outlives the young generation while its batch waits, and costs the collector more than the rest.
  return `${values.map(field).join('\t')}\n`;
}

/**
 * The rows of COPY text as objects of their columns' text (NULL as null), for a database that
 * takes no COPY: PostgreSQL reads each value as it reads COPY's, with the column type's input.
 */
export function copyRows(text: string, columns: readonly string[]): Record<string, string | null>[] {
  if (text === '') return [];
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const values = line.split('\t');
      return Object.fromEntries(columns.map((c, i) => [c, values[i] === '\\N' ? null : unescaped(values[i]!)]));
    });
}

function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return escaped(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return escaped(`{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  return String(value);
}

const SPECIAL: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const UNESCAPED: Record<string, string> = { t: '\t', n: '\n', r: '\r' };

const NEEDS_ESCAPE = /[\\\t\n\r]/;

function escaped(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => SPECIAL[c]!) : text;
}

function unescaped(text: string): string {
  return text.includes('\\') ? text.replace(/\\(.)/g, (_, c: string) => UNESCAPED[c] ?? c) : text;
}
