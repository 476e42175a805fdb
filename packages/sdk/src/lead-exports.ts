import type * as G from './generated/graphql';
import { Resource } from './resource';
import type { RequestOptions } from './transport';

/** Where the API serves the CSV export, relative to the GraphQL endpoint. */
const EXPORT_PATH = 'exports/financing-leads.csv';

export interface CsvExportOptions extends RequestOptions {
  /** Row order, as in financingLeads.list (e.g. [{ field: 'AMOUNT', direction: 'DESC' }]). */
  orderBy?: G.FinancingLeadOrder[] | undefined;
}

/** The subset of node:fs/promises the file export uses (the SDK's core has no Node types). */
interface FileSystem {
  open(path: string, flags: string): Promise<{ write(data: Uint8Array): Promise<unknown>; close(): Promise<void> }>;
}

/**
 * The CSV export of a funder's financing leads (the columns of GET /exports/financing-leads.csv):
 * the same rows as financingLeads.list with the same filter, under the same consent rules. UTF-8
 * with a byte-order mark so Excel reads it right; the SDK keeps every byte as the API sent it.
 */
export class LeadExports extends Resource {
  /** The whole file as bytes, byte-order mark included (decode with TextDecoder and `ignoreBOM: true` to keep it). */
  async exportCsv(filter: G.FinancingLeadFilter = {}, options: CsvExportOptions = {}): Promise<Uint8Array> {
    const response = await this.transport.download(EXPORT_PATH, exportParams(filter, options.orderBy), options);
    return new Uint8Array(await response.arrayBuffer());
  }

  /** The file as a stream of bytes, read as the API writes it (for exports too large to hold). */
  async exportCsvStream(filter: G.FinancingLeadFilter = {}, options: CsvExportOptions = {}): Promise<ReadableStream<Uint8Array>> {
    const response = await this.transport.download(EXPORT_PATH, exportParams(filter, options.orderBy), options);
    if (!response.body) throw new TypeError('This fetch implementation gives no response body stream.');
    return response.body;
  }

  /**
   * Node only: streams the file to `path` (created or replaced) and returns the number of bytes
   * written. Elsewhere (browsers, workers) use exportCsv or exportCsvStream.
   */
  async exportCsvToFile(path: string, filter: G.FinancingLeadFilter = {}, options: CsvExportOptions = {}): Promise<{ path: string; bytes: number }> {
    const stream = await this.exportCsvStream(filter, options);
    const moduleName = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ moduleName)) as FileSystem;
    const file = await fs.open(path, 'w');
    let bytes = 0;
    try {
      const reader = stream.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        await file.write(chunk.value);
        bytes += chunk.value.byteLength;
      }
    } finally {
      await file.close();
    }
    return { path, bytes };
  }
}

/** The filter as the export's query parameters (lists and objects are not among its fields). */
function exportParams(filter: G.FinancingLeadFilter, orderBy: G.FinancingLeadOrder[] | undefined): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== null && value !== undefined) params.set(key, String(value));
  }
  if (orderBy?.length) params.set('orderBy', orderBy.map((o) => `${o.field}:${o.direction ?? 'ASC'}`).join(','));
  return params;
}
