/** A distributor's offer valid for 30 days, as opportunityPost takes it. */
export function distributionOffer(title: string) {
  return {
    kind: 'DISTRIBUTION_OFFER' as const,
    title,
    sector: 'FOOD_BEVERAGE' as const,
    productCategory: 'makanan-ringan',
    quantity: 2400,
    unit: 'pak',
    validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  };
}
