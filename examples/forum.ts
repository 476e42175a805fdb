/**
 * Preparing a Temu Bisnis forum (business matchmaking day) at a Sentra IKM: list the sentra's member
 * IKM, find the partners whose needs fit each of them, and print a meeting shortlist in which every
 * proposed meeting says why (sector, KBLI, product, district, open requests the IKM can answer).
 *
 *   TEMU_BISNIS_ENDPOINT=http://localhost:4000/graphql TEMU_BISNIS_TOKEN=… \
 *     pnpm --filter @temu-bisnis/examples forum -- kampung-batik-malon
 *
 * Run by Disperin staff (every partner is considered) or by a partner (only itself). The directory
 * is public, so any credential works; TEMU_BISNIS_API_KEY works as well as a token.
 */
import { type EnterpriseSummary, type Opportunity, type Partner, TemuBisnisClient, TemuBisnisError } from '@temu-bisnis/sdk';

const MEETINGS_PER_IKM = 3;

function clientFromEnv(): TemuBisnisClient {
  const apiKey = process.env.TEMU_BISNIS_API_KEY;
  const token = process.env.TEMU_BISNIS_TOKEN;
  return new TemuBisnisClient({ endpoint: process.env.TEMU_BISNIS_ENDPOINT ?? 'http://localhost:4000/graphql', apiKey, token });
}

interface Meeting {
  enterprise: EnterpriseSummary;
  partner: Partner;
  reasons: string[];
  score: number;
}

/** Why an IKM and a partner should meet; an empty list when nothing about their business fits. */
function fit(enterprise: EnterpriseSummary, partner: Partner, requests: Opportunity[]): { reasons: string[]; score: number } {
  const reasons: string[] = [];
  let score = 0;
  const categories = new Set(enterprise.products.map((p) => p.category));
  const products = partner.productCategories.filter((c) => categories.has(c));
  if (products.length) {
    reasons.push(`product ${products.join(', ')}`);
    score += 3;
  }
  const kbli = partner.kbliPrefixes.filter((prefix) => enterprise.kbliCodes.some((k) => k.code.startsWith(prefix)));
  if (kbli.length) {
    reasons.push(`KBLI ${kbli.join(', ')}`);
    score += 2;
  }
  if (partner.sectors.includes(enterprise.sector)) {
    reasons.push(`sector ${enterprise.sector}`);
    score += 1;
  }
  if (score === 0) return { reasons, score };
  const held = new Set(enterprise.certifications.filter((c) => c.isValid).map((c) => c.kind));
  const answerable = requests.filter(
    (r) => r.partner?.id === partner.id && (!r.productCategory || categories.has(r.productCategory)) && r.requiredCertifications.every((c) => held.has(c)),
  );
  if (answerable.length) {
    reasons.push(`can answer "${answerable[0]!.title}"`);
    score += 2;
  }
  if (partner.servesWholeCity || partner.districtCodes.includes(enterprise.district.code)) {
    reasons.push(`serves ${enterprise.district.name}`);
    score += 1;
  }
  return { reasons, score };
}

async function main(): Promise<void> {
  const client = clientFromEnv();
  const slug = process.argv[2] ?? process.env.TEMU_BISNIS_SENTRA ?? 'sentra-lumpia-semarang-tengah';
  const sentra = await client.sentra.getBySlug(slug);
  if (!sentra) throw new Error(`No sentra with slug "${slug}".`);
  const viewer = await client.viewer();
  console.log(`Temu Bisnis forum at ${sentra.name} — ${sentra.landmark} (${sentra.district.name}), sector ${sentra.sector}`);

  const members: EnterpriseSummary[] = [];
  for await (const enterprise of client.enterprises.iterate({ filter: { sentraSlug: slug } })) members.push(enterprise);
  let partners: Partner[] = [];
  if (viewer.partner) {
    const own = await client.partners.get(viewer.partner.id);
    if (own) partners = [own];
  } else {
    for await (const partner of client.partners.iterate()) partners.push(partner);
  }
  // Partners' open buy requests and supply offers: an IKM that can answer one has a reason to meet.
  const requests: Opportunity[] = [];
  for await (const o of client.opportunities.iterate({ filter: { openOnly: true, postedBy: 'PARTNER', kinds: ['BUY_REQUEST', 'SUPPLY_OFFER', 'DISTRIBUTION_OFFER'] } })) {
    requests.push(o);
  }
  console.log(`Member IKM: ${members.length}; partners considered: ${partners.length}; open partner requests: ${requests.length}`);

  const meetings: Meeting[] = [];
  for (const enterprise of members) {
    const ranked = partners
      .map((partner) => ({ enterprise, partner, ...fit(enterprise, partner, requests) }))
      .filter((m) => m.score > 0)
      .sort((a, b) => b.score - a.score || a.partner.name.localeCompare(b.partner.name))
      .slice(0, MEETINGS_PER_IKM);
    meetings.push(...ranked);
  }

  console.log(`Proposed meetings (at most ${MEETINGS_PER_IKM} per IKM):`);
  for (const m of meetings) {
    console.log(`  ${m.enterprise.name} ↔ ${m.partner.name} [${m.partner.kind}] (score ${m.score}): ${m.reasons.join('; ')}`);
  }
  const demand = new Map<string, number>();
  for (const m of meetings) demand.set(m.partner.name, (demand.get(m.partner.name) ?? 0) + 1);
  const busiest = [...demand].sort((a, b) => b[1] - a[1]).slice(0, 3);
  if (busiest.length) console.log(`Partners most in demand: ${busiest.map(([name, n]) => `${name} (${n})`).join(', ')}`);
  const withMeetings = new Set(meetings.map((m) => m.enterprise.id)).size;
  console.log(`${meetings.length} meetings proposed for ${withMeetings} of ${members.length} IKM`);
}

main().catch((error: unknown) => {
  if (error instanceof TemuBisnisError) {
    console.error(`${error.name}: ${error.message} (HTTP ${error.status ?? '-'}, request ${error.requestId ?? '-'})`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
