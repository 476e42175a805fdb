/**
 * A buyer reading the consortium offers sent for its buy requests: a sentra's members (or an
 * ad-hoc group of IKM near the delivery) together answer a volume none of them could fill alone. The buyer deals with one counterpart, the
 * coordinator, and sees which members committed how much, with the reasons for each share.
 *
 *   TEMU_BISNIS_ENDPOINT=http://localhost:4000/graphql TEMU_BISNIS_TOKEN=… \
 *     pnpm --filter @temu-bisnis/examples buyer-consortium [-- <buy request ID>]
 *
 * The credential is a person of the buyer (or its API key).
 */
import { type ConsortiumOfferFieldsFragment, TemuBisnisClient, TemuBisnisError } from '@temu-bisnis/sdk';

function clientFromEnv(): TemuBisnisClient {
  const apiKey = process.env.TEMU_BISNIS_API_KEY;
  const token = process.env.TEMU_BISNIS_TOKEN;
  if (!apiKey && !token) throw new Error('Set TEMU_BISNIS_TOKEN (a person of the buyer) or TEMU_BISNIS_API_KEY.');
  return new TemuBisnisClient({ endpoint: process.env.TEMU_BISNIS_ENDPOINT ?? 'http://localhost:4000/graphql', apiKey, token });
}

// Ten offers a page: an offer may list up to 500 members, and a page must fit the API's cost limit.
const number = (n: number) => new Intl.NumberFormat('id-ID').format(n);

function show(offer: ConsortiumOfferFieldsFragment): void {
  const who = offer.sentra ? offer.sentra.name : 'an ad-hoc group of IKM';
  console.log(`• ${offer.opportunity.title}: ${number(offer.acceptedQuantity)} of ${number(offer.quantity)} ${offer.unit} committed by ${who} [${offer.status}]`);
  // The person to deal with: the sentra's coordinator, or for an ad-hoc group the Disperin officer who runs it.
  const person = offer.contact ? `${offer.contact.name} <${offer.contact.email}>` : 'none';
  console.log(`  Contact: ${person}; coordinating member ${offer.coordinator.name} (${offer.coordinator.district.name}), ${offer.shares.length} members`);
  for (const share of offer.shares) {
    const percent = ((100 * share.quantity) / offer.quantity).toFixed(1);
    const delivered = share.delivered > 0 ? `, ${number(share.delivered)} delivered` : '';
    // An ad-hoc group's members are IKM near the delivery: where each one is tells the buyer who ships from where.
    const where = offer.sentra ? '' : ` (${share.enterprise.district.name})`;
    console.log(`  - ${share.enterprise.name}${where}: ${number(share.quantity)} ${offer.unit} (${percent} %)${delivered}`);
    for (const reason of share.reasons) console.log(`      ${reason}`);
  }
}

async function main(): Promise<void> {
  const client = clientFromEnv();
  const { partner } = await client.viewer();
  if (!partner) throw new Error('This run is for a buyer: use a credential of the partner.');
  const opportunityId = process.argv[2];
  console.log(`Consortium offers for ${partner.name}${opportunityId ? ` (buy request ${opportunityId})` : ''}:`);
  let count = 0;
  for await (const offer of client.consortium.iterate({ pageSize: 10, ...(opportunityId ? { opportunityId } : {}) })) {
    show(offer);
    count += 1;
  }
  if (count === 0) console.log('  none yet: Disperin proposes one when a sentra, or IKM near the delivery, can fill a buy request together.');
}

main().catch((error: unknown) => {
  if (error instanceof TemuBisnisError) console.error(`${error.code}: ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
});
