/** The marketplace page both API benches load: 50 opportunities with their poster's kecamatan and sentra. */
export const MARKETPLACE_QUERY = `query MarketplacePage($first: Int!) {
  opportunities(first: $first) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id kind title status validUntil quantity unit amountMin amountMax productCategory
      partner { id name kind district { code name } }
      enterprise { id name sector district { code name } sentra { id name district { code name } } }
    }
  }
}`;
