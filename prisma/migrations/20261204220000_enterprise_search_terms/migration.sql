-- DropIndex
DROP INDEX "Enterprise_searchVector_idx";

-- AlterTable
ALTER TABLE "Enterprise" DROP COLUMN "searchVector";

-- CreateTable
-- Customised: "term" is C-collated, so that the primary key's order serves term LIKE 'word%' (a
-- prefix is a range of that order, whatever the database's own collation).
CREATE TABLE "EnterpriseSearchTerm" (
    "term" TEXT COLLATE "C" NOT NULL,
    "enterpriseId" UUID NOT NULL,

    CONSTRAINT "EnterpriseSearchTerm_pkey" PRIMARY KEY ("term","enterpriseId")
);

-- CreateIndex
CREATE INDEX "EnterpriseSearchTerm_enterpriseId_idx" ON "EnterpriseSearchTerm"("enterpriseId");

-- AddForeignKey
ALTER TABLE "EnterpriseSearchTerm" ADD CONSTRAINT "EnterpriseSearchTerm_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Customised: the terms of an enterprise are the lexemes of to_tsvector('simple', "searchText")
-- (the application folds case and accents into searchText; 'simple' does no stemming, which suits
-- Indonesian). Statement-level triggers keep them, in the transaction of every write, whoever writes:
-- the API, the seed, bulk loads.
CREATE FUNCTION enterprise_search_terms_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM "EnterpriseSearchTerm" t
      USING old_rows o JOIN new_rows n ON n.id = o.id
      WHERE t."enterpriseId" = n.id AND o."searchText" IS DISTINCT FROM n."searchText";
    INSERT INTO "EnterpriseSearchTerm" ("term", "enterpriseId")
      SELECT w.lexeme, n.id
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      CROSS JOIN LATERAL unnest(to_tsvector('simple'::regconfig, n."searchText")) w
      WHERE o."searchText" IS DISTINCT FROM n."searchText";
  ELSE
    INSERT INTO "EnterpriseSearchTerm" ("term", "enterpriseId")
      SELECT w.lexeme, n.id
      FROM new_rows n CROSS JOIN LATERAL unnest(to_tsvector('simple'::regconfig, n."searchText")) w;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "enterprise_search_terms_insert" AFTER INSERT ON "Enterprise" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION enterprise_search_terms_changed();
CREATE TRIGGER "enterprise_search_terms_update" AFTER UPDATE ON "Enterprise" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION enterprise_search_terms_changed();

-- The enterprises already there.
INSERT INTO "EnterpriseSearchTerm" ("term", "enterpriseId")
  SELECT w.lexeme, e.id FROM "Enterprise" e CROSS JOIN LATERAL unnest(to_tsvector('simple'::regconfig, e."searchText")) w;
