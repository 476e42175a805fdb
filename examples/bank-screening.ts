/**
 * A bank's nightly screening job: read the financing leads Temu Bisnis shares with the bank, assess
 * the ones the IKM shared their financials for, move the KUR-eligible ones into the pipeline, note
 * what the others still need, and ask the anonymised ones that fit the bank's policy for consent.
 *
 *   TEMU_BISNIS_ENDPOINT=http://localhost:4000/graphql TEMU_BISNIS_API_KEY=tb_key_… \
 *     pnpm --filter @temu-bisnis/examples bank-screening
 *
 * The API key belongs to the bank (a FUNDER partner) and needs the scopes LEADS_READ and LEADS_WRITE.
 */
import { type FinancingLead, type FinancingLeadDetail, TemuBisnisClient, TemuBisnisError, ValidationError } from '@temu-bisnis/sdk';

/** How many anonymised leads to ask for consent per run, so the bank never floods IKM with requests. */
const MAX_CONSENT_REQUESTS = 3;

function clientFromEnv(): TemuBisnisClient {
  const apiKey = process.env.TEMU_BISNIS_API_KEY;
  const token = process.env.TEMU_BISNIS_TOKEN;
  if (!apiKey && !token) throw new Error('Set TEMU_BISNIS_API_KEY (the bank program) or TEMU_BISNIS_TOKEN (a person of the bank).');
  return new TemuBisnisClient({ endpoint: process.env.TEMU_BISNIS_ENDPOINT ?? 'http://localhost:4000/graphql', apiKey, token });
}

const rupiah = (amount: string) => `Rp${new Intl.NumberFormat('id-ID').format(BigInt(amount))}`;

async function main(): Promise<void> {
  const client = clientFromEnv();
  const viewer = await client.viewer();
  if (viewer.partner?.kind !== 'FUNDER') throw new Error('This job runs for a funder (bank, BPR, koperasi…): use its API key.');
  const credential = viewer.apiKeyScopes ? `an API key (scopes ${viewer.apiKeyScopes.join(', ')})` : `${viewer.user?.name}'s sign-in`;
  console.log(`Signed in as ${viewer.partner.name} [${viewer.partner.funderType}] with ${credential}`);

  // 1. Where the pipeline stands: every lead, page after page.
  const byStatus = new Map<string, number>();
  let total = 0;
  let consented = 0;
  for await (const lead of client.financingLeads.iterate()) {
    total += 1;
    if (lead.consentScopes.length > 0) consented += 1;
    byStatus.set(lead.status, (byStatus.get(lead.status) ?? 0) + 1);
  }
  console.log(`Pipeline: ${total} leads, ${consented} shared with consent, ${total - consented} anonymised`);
  console.log(`By status: ${[...byStatus].map(([status, n]) => `${status} ${n}`).join(', ')}`);

  // 2. Screen the new leads whose enterprise shared its financials: the API assesses KUR readiness rule by rule.
  const toScreen: FinancingLead[] = [];
  for await (const lead of client.financingLeads.iterate({ filter: { consentScope: 'FINANCIALS', status: 'NEW' } })) toScreen.push(lead);
  console.log(`Screening ${toScreen.length} new lead(s) with financial consent:`);
  for (const summary of toScreen) {
    const lead = await client.financingLeads.get(summary.id);
    if (!lead) continue;
    screen(lead);
    const readiness = lead.readiness;
    if (readiness?.verdict === 'ELIGIBLE') {
      // One idempotency key per intended change: the move can be retried safely after a network failure.
      const review = await client.financingLeads.updateStatus(
        { leadId: lead.id, status: 'CONTACTED', note: `Screening job: eligible for KUR ${readiness.scheme ?? ''} (rule set ${readiness.ruleSet.version}).` },
        { idempotencyKey: `screening:${lead.id}:CONTACTED` },
      );
      console.log(`    → moved to ${review.status}`);
    } else if (readiness?.verdict === 'NEEDS_DOCUMENTS') {
      const missing = readiness.rules.filter((r) => r.outcome === 'MISSING_DOCUMENT').map((r) => r.id);
      await client.financingLeads.addNote({ leadId: lead.id, body: `Screening job: ask the enterprise for ${missing.join(', ')}.` });
      console.log(`    → noted the missing documents: ${missing.join(', ')}`);
    }
  }

  // 3. Anonymised leads that fit the bank's policy (KUR Super Mikro and Mikro): ask the enterprise for
  //    consent, without learning who it is. Business age, like every identifying attribute, can only
  //    be checked once the enterprise consents (its readiness assessment has the rule).
  let asked = 0;
  let alreadyAsked = 0;
  for await (const lead of client.financingLeads.iterate({ filter: { status: 'NEW' } })) {
    if (asked >= MAX_CONSENT_REQUESTS) break;
    if (lead.consentScopes.length > 0 || !['UP_TO_10_JUTA', 'FROM_10_TO_100_JUTA'].includes(lead.amountBand)) continue;
    try {
      await client.financingLeads.requestConsent({ leadId: lead.id });
      asked += 1;
      console.log(`  Asked for consent: ${where(lead)}, ${lead.amountBand}, ${lead.purpose}`);
    } catch (error) {
      if (!(error instanceof ValidationError && error.userErrors.some((e) => e.code === 'ALREADY_REQUESTED'))) throw error;
      alreadyAsked += 1;
    }
  }
  console.log(`Asked for consent on ${asked} anonymised lead(s)${alreadyAsked ? ` (${alreadyAsked} already asked this week)` : ''}`);
  await exportCsv(client);
  const budget = client.rateLimit;
  if (budget?.remaining !== undefined) console.log(`Rate limit: ${budget.remaining} of ${budget.limit} requests left in this window`);
  console.log('Done.');
}

/**
 * The pipeline as a spreadsheet for the credit committee: the API's CSV export (UTF-8 with BOM so
 * Excel reads it, rupiah as integers), here narrowed to leads asking Rp10–100 juta (the KUR Mikro
 * band). The bytes are kept as the API sent them, BOM included.
 */
async function exportCsv(client: TemuBisnisClient): Promise<void> {
  const bytes = await client.financingLeads.exportCsv({ amountBand: 'FROM_10_TO_100_JUTA' });
  const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const header = csv.replace(/^\uFEFF/, '').split('\r\n', 1)[0] ?? '';
  console.log(`Exported leads of Rp10–100 juta as CSV: ${csv.length} characters, columns ${header.split(',').slice(0, 4).join(', ')}, …`);
}

/** An anonymised lead's sector and kecamatan, either of which may be generalised away (k-anonymity). */
function where(lead: Pick<FinancingLeadDetail, 'sector' | 'district'>): string {
  return `${lead.sector ?? 'an'} IKM in ${lead.district?.name ?? 'Kota Semarang'}`;
}

function screen(lead: FinancingLeadDetail): void {
  const who = lead.enterprise ? `${lead.enterprise.name} (NIB ${lead.enterprise.nib})` : where(lead);
  const need = lead.need ? `${rupiah(lead.need.amount)} over ${lead.need.tenorMonths} months` : lead.amountBand;
  const readiness = lead.readiness;
  console.log(`  • ${who}: ${need}, ${lead.purpose} — ${readiness ? `${readiness.verdict}${readiness.scheme ? ` (KUR ${readiness.scheme})` : ''}` : 'no readiness assessment'}`);
  for (const rule of readiness?.rules ?? []) {
    if (rule.outcome === 'FAIL' || rule.outcome === 'MISSING_DOCUMENT') console.log(`    ${rule.outcome} ${rule.id}: ${rule.reason}`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof TemuBisnisError) {
    console.error(`${error.name}: ${error.message} (HTTP ${error.status ?? '-'}, request ${error.requestId ?? '-'})`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
