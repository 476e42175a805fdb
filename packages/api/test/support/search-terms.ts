import type { Database } from '../../src/db/connection';

/** A table whose rows' searchText the triggers keep as terms, with the columns kept beside each term (`kept`) and what they must equal on the row (`of`, r the row). */
export const TERM_TABLES = {
  enterprise: { rows: 'Enterprise', terms: 'EnterpriseSearchTerm', owner: 'enterpriseId', kept: ', name, "kbliDivisions"', of: ', r.name, kbli_divisions(r."matchKeys")' },
  opportunity: { rows: 'Opportunity', terms: 'OpportunitySearchTerm', owner: 'opportunityId', kept: '', of: '' },
} as const;

/**
 * The lexemes of the rows' searchText (those `where` keeps, r the row), and how many terms stored
 * for them and lexemes disagree, either way.
 */
export async function termMismatches(db: Database, table: (typeof TERM_TABLES)[keyof typeof TERM_TABLES], where = 'TRUE'): Promise<{ lexemes: number; differ: number }> {
  const { rows, terms, owner, kept, of } = table;
  const [row] = await db.query<{ lexemes: number; differ: number }>(`
    WITH lexemes AS (
      SELECT r.id AS owner, w.lexeme AS term${of}
      FROM "${rows}" r CROSS JOIN LATERAL unnest(to_tsvector('simple'::regconfig, r."searchText")) w WHERE ${where}
    ), stored AS (SELECT "${owner}" AS owner, term${kept} FROM "${terms}" WHERE "${owner}" IN (SELECT r.id FROM "${rows}" r WHERE ${where}))
    SELECT (SELECT count(*)::int FROM lexemes) AS lexemes,
      (SELECT count(*)::int FROM ((SELECT * FROM lexemes EXCEPT SELECT * FROM stored) UNION ALL (SELECT * FROM stored EXCEPT SELECT * FROM lexemes)) d) AS differ`);
  return row!;
}
