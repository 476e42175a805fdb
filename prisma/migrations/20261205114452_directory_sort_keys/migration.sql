-- CreateEnum
CREATE TYPE "SizeClass" AS ENUM ('MICRO', 'SMALL', 'MEDIUM', 'LARGE');

-- DropIndex
DROP INDEX "Enterprise_districtId_sector_status_idx";

-- DropIndex
DROP INDEX "EnterpriseProduct_category_monthlyCapacity_idx";

-- DropIndex
DROP INDEX "EnterpriseSearchTerm_enterpriseId_idx";

-- Customised: the size class under PP 7/2021 art. 35, with the ceilings of
-- packages/schema/src/domain/size-class.ts (size-class-column.test.ts checks both agree at every
-- boundary): annual sales (hasil penjualan tahunan, art. 35(5)) decide when recorded: micro up to
-- Rp2 miliar, small up to Rp15 miliar, medium up to Rp50 miliar; otherwise business capital
-- excluding land and buildings (modal usaha, art. 35(3)): up to Rp1, Rp5 and Rp10 miliar. Each
-- ceiling is inclusive; above the medium one the business is large. Neither recorded: no class.
CREATE FUNCTION size_class_of(turnover bigint, capital bigint) RETURNS "SizeClass" LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (CASE
    WHEN turnover IS NOT NULL THEN CASE WHEN turnover <= 2000000000 THEN 'MICRO' WHEN turnover <= 15000000000 THEN 'SMALL' WHEN turnover <= 50000000000 THEN 'MEDIUM' ELSE 'LARGE' END
    WHEN capital IS NOT NULL THEN CASE WHEN capital <= 1000000000 THEN 'MICRO' WHEN capital <= 5000000000 THEN 'SMALL' WHEN capital <= 10000000000 THEN 'MEDIUM' ELSE 'LARGE' END
  END)::"SizeClass"
$$;

-- AlterTable
-- Customised: computed by the database from the figures it is derived from, never written.
ALTER TABLE "Enterprise" ADD COLUMN     "sizeClass" "SizeClass" GENERATED ALWAYS AS (size_class_of("annualTurnover", "businessCapital")) STORED;

-- AlterTable
-- Customised: the name is filled in for the terms already there before it becomes required.
ALTER TABLE "EnterpriseSearchTerm" DROP CONSTRAINT "EnterpriseSearchTerm_pkey",
ADD COLUMN     "name" TEXT;
UPDATE "EnterpriseSearchTerm" t SET "name" = e."name" FROM "Enterprise" e WHERE e.id = t."enterpriseId";
ALTER TABLE "EnterpriseSearchTerm" ALTER COLUMN "name" SET NOT NULL,
ADD CONSTRAINT "EnterpriseSearchTerm_pkey" PRIMARY KEY ("term", "name", "enterpriseId");

-- Customised: a third argument names a column of the owner kept beside each of its terms (the
-- enterprise's name, its sort key), rewritten when it changes as when the text does.
CREATE OR REPLACE FUNCTION search_terms_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  terms text := quote_ident(TG_ARGV[0]);
  owner text := quote_ident(TG_ARGV[1]);
  kept text := CASE WHEN TG_NARGS > 2 THEN quote_ident(TG_ARGV[2]) END;
  columns text := '"term", ' || owner || coalesce(', ' || kept, '');
  selected text := 'w.lexeme, n.id' || coalesce(', n.' || kept, '');
  words text := 'CROSS JOIN LATERAL unnest(to_tsvector(''simple''::regconfig, n."searchText")) w';
  changed text := 'o."searchText" IS DISTINCT FROM n."searchText"' || coalesce(' OR o.' || kept || ' IS DISTINCT FROM n.' || kept, '');
  any_changed boolean;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- Most updates (a status, a figure) leave the text alone: one query, then nothing.
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE %s)', changed) INTO any_changed;
    IF NOT any_changed THEN
      RETURN NULL;
    END IF;
    EXECUTE format('DELETE FROM %s t USING old_rows o JOIN new_rows n ON n.id = o.id WHERE t.%s = n.id AND (%s)', terms, owner, changed);
    EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM old_rows o JOIN new_rows n ON n.id = o.id %s WHERE %s', terms, columns, selected, words, changed);
  ELSE
    EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM new_rows n %s', terms, columns, selected, words);
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER "search_terms_insert" ON "Enterprise";
DROP TRIGGER "search_terms_update" ON "Enterprise";
CREATE TRIGGER "search_terms_insert" AFTER INSERT ON "Enterprise" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_terms_changed('EnterpriseSearchTerm', 'enterpriseId', 'name');
CREATE TRIGGER "search_terms_update" AFTER UPDATE ON "Enterprise" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_terms_changed('EnterpriseSearchTerm', 'enterpriseId', 'name');

-- CreateIndex
CREATE INDEX "Enterprise_districtId_sector_status_name_id_idx" ON "Enterprise"("districtId", "sector", "status", "name", "id");

-- CreateIndex
CREATE INDEX "Enterprise_status_sizeClass_name_id_idx" ON "Enterprise"("status", "sizeClass", "name", "id");

-- CreateIndex
CREATE INDEX "Enterprise_districtId_sizeClass_status_name_id_idx" ON "Enterprise"("districtId", "sizeClass", "status", "name", "id");

-- CreateIndex
CREATE INDEX "EnterpriseProduct_category_monthlyCapacity_unit_enterpriseI_idx" ON "EnterpriseProduct"("category", "monthlyCapacity", "unit", "enterpriseId");

-- CreateIndex
CREATE INDEX "EnterpriseSearchTerm_enterpriseId_term_idx" ON "EnterpriseSearchTerm"("enterpriseId", "term");
