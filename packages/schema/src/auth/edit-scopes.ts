/**
 * Scope map for changing an enterprise's profile, products, needs and consents: staff or the
 * enterprise's members. In auth/ (not enterprise/) because consent/ and financing/ use it too, and
 * enterprise/ builds on consent/: keeping it here keeps the folders free of import cycles.
 */
export function editScopes(enterpriseId: string | null) {
  return enterpriseId ? { $any: { staff: true, enterpriseMember: enterpriseId } } : { staff: true };
}
