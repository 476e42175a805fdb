/**
 * A strict RFC 4180 parser for tests: fields separated by commas, records by CRLF (a bare LF is
 * accepted too), fields optionally enclosed in double quotes, within which commas, CR, LF and
 * doubled quotes ("") are data. Throws on anything RFC 4180 does not allow (a quote inside an
 * unquoted field, text after a closing quote, an unterminated quoted field), so a sloppy writer
 * cannot pass by accident. A leading byte-order mark is reported, not kept in the first field.
 */
export interface ParsedCsv {
  bom: boolean;
  records: string[][];
}

export function parseCsv(input: string): ParsedCsv {
  const bom = input.startsWith('\uFEFF');
  const text = bom ? input.slice(1) : input;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  const endField = () => {
    record.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
          throw new Error(`CSV: text after a closing quote at offset ${i}`);
        }
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      if (fieldStarted || field !== '') throw new Error(`CSV: quote inside an unquoted field at offset ${i}`);
      quoted = true;
      fieldStarted = true;
      i += 1;
    } else if (c === ',') {
      endField();
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      endRecord();
      i += 2;
    } else if (c === '\n') {
      endRecord();
      i += 1;
    } else if (c === '\r') {
      throw new Error(`CSV: bare CR at offset ${i}`);
    } else {
      field += c;
      fieldStarted = true;
      i += 1;
    }
  }
  if (quoted) throw new Error('CSV: unterminated quoted field');
  // A last record without a line break still counts; a trailing line break ends the file.
  if (field !== '' || record.length > 0 || fieldStarted) endRecord();
  return { bom, records };
}

/** Records as objects keyed by the header row; every record must have the header's width. */
export function csvObjects(parsed: ParsedCsv): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...records] = parsed.records;
  if (!header) throw new Error('CSV: no header row');
  return {
    header,
    rows: records.map((r, n) => {
      if (r.length !== header.length) throw new Error(`CSV: record ${n + 1} has ${r.length} fields, the header ${header.length}`);
      return Object.fromEntries(header.map((h, i) => [h, r[i]!]));
    }),
  };
}
