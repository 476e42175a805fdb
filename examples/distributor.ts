/**
 * A distributor's weekly sourcing run: read its own profile (sectors and product categories it
 * carries), find the open offers and distribution requests of IKM in those sectors, shortlist the
 * IKM that make those products in volume, and post the distributor's own offer on the marketplace.
 *
 *   TEMU_BISNIS_ENDPOINT=http://localhost:4000/graphql TEMU_BISNIS_API_KEY=tb_key_… \
 *     pnpm --filter @temu-bisnis/examples distributor
 *
 * The API key belongs to the distributor and needs OPPORTUNITIES_READ and OPPORTUNITIES_WRITE.
 */
import { type EnterpriseSummary, type Opportunity, TemuBisnisClient, TemuBisnisError } from '@temu-bisnis/sdk';

const SHOW = 5;

function clientFromEnv(): TemuBisnisClient {
  const apiKey = process.env.TEMU_BISNIS_API_KEY;
  const token = process.env.TEMU_BISNIS_TOKEN;
  if (!apiKey && !token) throw new Error('Set TEMU_BISNIS_API_KEY (the distributor program) or TEMU_BISNIS_TOKEN (a person of it).');
  return new TemuBisnisClient({ endpoint: process.env.TEMU_BISNIS_ENDPOINT ?? 'http://localhost:4000/graphql', apiKey, token });
}

const number = (n: number) => new Intl.NumberFormat('id-ID').format(n);

async function main(): Promise<void> {
  const client = clientFromEnv();
  const { partner } = await client.viewer();
  if (!partner) throw new Error('This run is for a partner organisation: use its API key.');
  console.log(`Sourcing for ${partner.name} [${partner.kind}]`);
  console.log(`Sectors: ${partner.sectors.join(', ') || '-'}; products: ${partner.productCategories.join(', ') || '-'}`);

  // 1. Opportunities worth answering: IKM selling, or looking for distribution, in our sectors.
  const opportunities: Opportunity[] = [];
  for (const sector of partner.sectors) {
    for await (const opportunity of client.opportunities.iterate({
      filter: { openOnly: true, postedBy: 'ENTERPRISE', kinds: ['SELL_OFFER', 'DISTRIBUTION_REQUEST'], sector },
    })) {
      opportunities.push(opportunity);
    }
  }
  const ours = opportunities.filter((o) => !o.productCategory || partner.productCategories.includes(o.productCategory));
  console.log(`Open IKM offers in our sectors: ${opportunities.length}, in our product categories: ${ours.length}`);
  for (const o of ours.slice(0, SHOW)) {
    const amount = o.quantity ? `${number(o.quantity)} ${o.unit ?? ''}`.trim() : 'quantity open';
    console.log(`  • [${o.kind}] ${o.title} — ${o.enterprise?.name ?? o.partner?.name} (${o.enterprise?.district.name ?? 'Kota Semarang'}), ${amount}, until ${o.validUntil.slice(0, 10)}`);
  }

  // 2. IKM that make our product categories, ranked by monthly capacity, with the reasons.
  console.log('Recommended IKM by product category:');
  for (const category of partner.productCategories) {
    const candidates: { enterprise: EnterpriseSummary; capacity: number; unit: string }[] = [];
    for await (const enterprise of client.enterprises.iterate({ filter: { productCategory: category } })) {
      const products = enterprise.products.filter((p) => p.category === category);
      const best = products.reduce((a, b) => (b.monthlyCapacity > a.monthlyCapacity ? b : a), products[0]!);
      candidates.push({ enterprise, capacity: best.monthlyCapacity, unit: best.unit });
    }
    candidates.sort((a, b) => b.capacity - a.capacity);
    console.log(`  ${category}: ${candidates.length} IKM`);
    for (const { enterprise, capacity, unit } of candidates.slice(0, 3)) {
      const certificates = enterprise.certifications.filter((c) => c.isValid).map((c) => c.kind);
      const reasons = [
        `${number(capacity)} ${unit}/month`,
        certificates.length ? certificates.join('+') : 'no valid certificate',
        enterprise.sentra ? enterprise.sentra.name : 'independent',
        enterprise.district.name,
      ];
      console.log(`    - ${enterprise.name} (NIB ${enterprise.nib}): ${reasons.join('; ')}`);
    }
  }

  // 3. Post our own distribution offer for our first category (retry-safe with an idempotency key).
  const category = partner.productCategories[0];
  const profile = await client.partners.get(partner.id);
  if (category && profile) {
    const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const offer = await client.opportunities.post(
      {
        kind: 'DISTRIBUTION_OFFER',
        title: `Distribusi ${category} ke toko modern dan tradisional`,
        description: profile.offers,
        sector: partner.sectors[0],
        productCategory: category,
        validUntil,
      },
      { idempotencyKey: `distribution-offer:${partner.slug}:${category}:${validUntil.slice(0, 10)}` },
    );
    console.log(`Posted ${offer.kind} "${offer.title}" (${offer.status}, until ${offer.validUntil.slice(0, 10)})`);
  }
  console.log('Done.');
}

main().catch((error: unknown) => {
  if (error instanceof TemuBisnisError) {
    console.error(`${error.name}: ${error.message} (HTTP ${error.status ?? '-'}, request ${error.requestId ?? '-'})`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
