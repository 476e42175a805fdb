/**
 * The tester's script, written only from docs/partners/bank.md: a bank lists its leads in
 * Gunungpati of Rp50 juta or more with the KUR rules they fail, moves one into its pipeline, and
 * exports them as CSV for the credit committee.
 *
 *   TEMU_BISNIS_ENDPOINT=http://localhost:4000/graphql TEMU_BISNIS_API_KEY=tb_key_… \
 *     node bank-gunungpati.mjs leads.csv
 *
 * The API key belongs to the bank and has the scopes LEADS_READ and LEADS_WRITE. It type-checks
 * under strict and exactOptionalPropertyTypes and runs as ES modules and as CommonJS.
 */
import { TemuBisnisClient, TemuBisnisError, ValidationError } from '@temu-bisnis/sdk';

const GUNUNGPATI = '33.74.12';
const FIFTY_JUTA = '50000000';

async function main(): Promise<void> {
  const client = new TemuBisnisClient({
    endpoint: process.env.TEMU_BISNIS_ENDPOINT ?? 'http://localhost:4000/graphql',
    apiKey: process.env.TEMU_BISNIS_API_KEY,
  });
  const filter = { districtCode: GUNUNGPATI, amountAtLeast: FIFTY_JUTA };

  const page = await client.financingLeads.list({ first: 50, filter });
  console.log(`Gunungpati leads of Rp50 juta or more: ${page.totalCount}`);
  for (const lead of page.nodes) {
    console.log(`- ${lead.enterprise?.name ?? 'anonymised IKM'}: Rp${lead.need?.amount ?? '?'} ${lead.purpose}, ${lead.status}, ${lead.readiness?.verdict ?? 'no assessment'}`);
    for (const rule of lead.readiness?.rules ?? []) {
      if (rule.outcome === 'FAIL' || rule.outcome === 'MISSING_DOCUMENT') console.log(`    ${rule.outcome} ${rule.id}: ${rule.reason}`);
    }
  }

  const fresh = page.nodes.find((lead) => lead.status === 'NEW');
  if (fresh) {
    const review = await client.financingLeads.updateStatus({ leadId: fresh.id, status: 'CONTACTED', note: 'Gunungpati review' });
    console.log(`Moved ${fresh.enterprise?.name ?? fresh.id} to ${review.status}`);
    try {
      await client.financingLeads.updateStatus({ leadId: fresh.id, status: 'DISBURSED' });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      console.log(`Refused as expected: ${error.code} on ${error.field.join('.')}`);
    }
  }

  const file = process.argv[2] ?? 'leads.csv';
  const { bytes } = await client.financingLeads.exportCsvToFile(file, filter);
  console.log(`Wrote ${bytes} bytes to ${file}`);
}

main().catch((error: unknown) => {
  if (error instanceof TemuBisnisError) console.error(`${error.name} ${error.code}: ${error.message} (request ${error.requestId ?? '-'})`);
  else console.error(error);
  process.exitCode = 1;
});
