-- DropIndex
DROP INDEX "EnterpriseKbli_code_idx";

-- AlterTable
ALTER TABLE "EnterpriseKbli" ADD COLUMN     "enterpriseName" TEXT NOT NULL DEFAULT '';

-- Customised: the enterprise's name beside each of its KBLI codes, kept as beside its products
-- (migration product_sort_key), so that the directory reads a code's IKM in its order from the
-- index below. The backfill changes no code: the match keys' trigger is left out of it.
ALTER TABLE "EnterpriseKbli" DISABLE TRIGGER "match_keys_update";
UPDATE "EnterpriseKbli" k SET "enterpriseName" = e."name" FROM "Enterprise" e WHERE e.id = k."enterpriseId";
ALTER TABLE "EnterpriseKbli" ENABLE TRIGGER "match_keys_update";

CREATE TRIGGER "kbli_enterprise_name_insert" BEFORE INSERT ON "EnterpriseKbli" FOR EACH ROW WHEN (NEW."enterpriseName" = '') EXECUTE FUNCTION product_enterprise_name();
CREATE TRIGGER "kbli_enterprise_name_update" BEFORE UPDATE OF "enterpriseId", "enterpriseName" ON "EnterpriseKbli" FOR EACH ROW EXECUTE FUNCTION product_enterprise_name();

CREATE OR REPLACE FUNCTION enterprise_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "EnterpriseProduct" SET "enterpriseName" = NEW."name" WHERE "enterpriseId" = NEW.id;
  UPDATE "EnterpriseKbli" SET "enterpriseName" = NEW."name" WHERE "enterpriseId" = NEW.id;
  RETURN NULL;
END $$;

-- CreateIndex
CREATE INDEX "EnterpriseKbli_code_enterpriseName_enterpriseId_idx" ON "EnterpriseKbli"("code", "enterpriseName", "enterpriseId");
