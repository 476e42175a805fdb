-- DropIndex
DROP INDEX "EnterpriseProduct_category_monthlyCapacity_unit_enterpriseI_idx";

-- AlterTable
ALTER TABLE "EnterpriseProduct" ADD COLUMN     "enterpriseName" TEXT NOT NULL DEFAULT '';

-- Customised: the enterprise's name beside each of its products, so that the directory reads a
-- category's IKM in its order from the index below. An insert that leaves it empty (every write
-- of the application) gets it from the enterprise; a bulk load may give it. Moving a product or
-- renaming its enterprise rewrites it.
UPDATE "EnterpriseProduct" p SET "enterpriseName" = e."name" FROM "Enterprise" e WHERE e.id = p."enterpriseId";

CREATE FUNCTION product_enterprise_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."enterpriseName" := (SELECT e."name" FROM "Enterprise" e WHERE e.id = NEW."enterpriseId");
  RETURN NEW;
END $$;

CREATE TRIGGER "product_enterprise_name_insert" BEFORE INSERT ON "EnterpriseProduct" FOR EACH ROW WHEN (NEW."enterpriseName" = '') EXECUTE FUNCTION product_enterprise_name();
CREATE TRIGGER "product_enterprise_name_update" BEFORE UPDATE OF "enterpriseId", "enterpriseName" ON "EnterpriseProduct" FOR EACH ROW EXECUTE FUNCTION product_enterprise_name();

CREATE FUNCTION enterprise_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "EnterpriseProduct" SET "enterpriseName" = NEW."name" WHERE "enterpriseId" = NEW.id;
  RETURN NULL;
END $$;

CREATE TRIGGER "enterprise_renamed" AFTER UPDATE OF "name" ON "Enterprise" FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION enterprise_renamed();

-- CreateIndex
CREATE INDEX "EnterpriseProduct_category_enterpriseName_enterpriseId_mont_idx" ON "EnterpriseProduct"("category", "enterpriseName", "enterpriseId", "monthlyCapacity", "unit");
