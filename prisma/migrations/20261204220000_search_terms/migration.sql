-- DropIndex
DROP INDEX "Enterprise_searchVector_idx";

-- DropIndex
DROP INDEX "Opportunity_searchVector_idx";

-- AlterTable
ALTER TABLE "Enterprise" DROP COLUMN "searchVector";

-- AlterTable
ALTER TABLE "Opportunity" DROP COLUMN "searchVector";

-- CreateTable
-- Customised: "term" is C-collated, so that the primary key's order serves term LIKE 'word%' (a
-- prefix is a range of that order, whatever the database's own collation).
CREATE TABLE "EnterpriseSearchTerm" (
    "term" TEXT COLLATE "C" NOT NULL,
    "enterpriseId" UUID NOT NULL,

    CONSTRAINT "EnterpriseSearchTerm_pkey" PRIMARY KEY ("term","enterpriseId")
);

-- CreateTable
-- Customised: C-collated, as above.
CREATE TABLE "OpportunitySearchTerm" (
    "term" TEXT COLLATE "C" NOT NULL,
    "opportunityId" UUID NOT NULL,

    CONSTRAINT "OpportunitySearchTerm_pkey" PRIMARY KEY ("term","opportunityId")
);

-- CreateIndex
CREATE INDEX "EnterpriseSearchTerm_enterpriseId_idx" ON "EnterpriseSearchTerm"("enterpriseId");

-- CreateIndex
CREATE INDEX "OpportunitySearchTerm_opportunityId_idx" ON "OpportunitySearchTerm"("opportunityId");

-- AddForeignKey
ALTER TABLE "EnterpriseSearchTerm" ADD CONSTRAINT "EnterpriseSearchTerm_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpportunitySearchTerm" ADD CONSTRAINT "OpportunitySearchTerm_opportunityId_fkey" FOREIGN KEY ("opportunityId") REFERENCES "Opportunity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Customised: the terms of a row are the lexemes of to_tsvector('simple', "searchText") (the
-- application folds case and accents into searchText; 'simple' does no stemming, which suits
-- Indonesian). Statement-level triggers keep them, in the transaction of every write, whoever
-- writes: the API, the seed, bulk loads. Arguments: the terms table and its column naming the row.
CREATE FUNCTION search_terms_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  terms text := quote_ident(TG_ARGV[0]);
  owner text := quote_ident(TG_ARGV[1]);
  words text := 'CROSS JOIN LATERAL unnest(to_tsvector(''simple''::regconfig, n."searchText")) w';
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- Most updates (a status, a figure) leave the text alone: one cached query, then nothing.
    IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o."searchText" IS DISTINCT FROM n."searchText") THEN
      RETURN NULL;
    END IF;
    EXECUTE format('DELETE FROM %s t USING old_rows o JOIN new_rows n ON n.id = o.id
      WHERE t.%s = n.id AND o."searchText" IS DISTINCT FROM n."searchText"', terms, owner);
    EXECUTE format('INSERT INTO %s ("term", %s) SELECT w.lexeme, n.id FROM old_rows o JOIN new_rows n ON n.id = o.id %s
      WHERE o."searchText" IS DISTINCT FROM n."searchText"', terms, owner, words);
  ELSE
    EXECUTE format('INSERT INTO %s ("term", %s) SELECT w.lexeme, n.id FROM new_rows n %s', terms, owner, words);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "search_terms_insert" AFTER INSERT ON "Enterprise" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_terms_changed('EnterpriseSearchTerm', 'enterpriseId');
CREATE TRIGGER "search_terms_update" AFTER UPDATE ON "Enterprise" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_terms_changed('EnterpriseSearchTerm', 'enterpriseId');
CREATE TRIGGER "search_terms_insert" AFTER INSERT ON "Opportunity" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_terms_changed('OpportunitySearchTerm', 'opportunityId');
CREATE TRIGGER "search_terms_update" AFTER UPDATE ON "Opportunity" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_terms_changed('OpportunitySearchTerm', 'opportunityId');

-- The rows already there.
INSERT INTO "EnterpriseSearchTerm" ("term", "enterpriseId")
  SELECT w.lexeme, n.id FROM "Enterprise" n CROSS JOIN LATERAL unnest(to_tsvector('simple'::regconfig, n."searchText")) w;
INSERT INTO "OpportunitySearchTerm" ("term", "opportunityId")
  SELECT w.lexeme, n.id FROM "Opportunity" n CROSS JOIN LATERAL unnest(to_tsvector('simple'::regconfig, n."searchText")) w;
