-- DropIndex
DROP INDEX "Certification_kind_idx";

-- AlterTable
ALTER TABLE "Certification" ADD COLUMN     "enterpriseName" TEXT NOT NULL DEFAULT '';

-- Customised: the enterprise's name beside each of its certifications, kept as beside its products
-- and KBLI codes (migrations product_sort_key, kbli_sort_key), so that the directory reads a kind's
-- IKM in its order from the index below: IKM of one kind cluster in name order ("Keripik …" are
-- halal), so walking the enterprises read every IKM named before them.
UPDATE "Certification" c SET "enterpriseName" = e."name" FROM "Enterprise" e WHERE e.id = c."enterpriseId";

CREATE TRIGGER "certification_enterprise_name_insert" BEFORE INSERT ON "Certification" FOR EACH ROW WHEN (NEW."enterpriseName" = '') EXECUTE FUNCTION product_enterprise_name();
CREATE TRIGGER "certification_enterprise_name_update" BEFORE UPDATE OF "enterpriseId", "enterpriseName" ON "Certification" FOR EACH ROW EXECUTE FUNCTION product_enterprise_name();

CREATE OR REPLACE FUNCTION enterprise_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "EnterpriseProduct" SET "enterpriseName" = NEW."name" WHERE "enterpriseId" = NEW.id;
  UPDATE "EnterpriseKbli" SET "enterpriseName" = NEW."name" WHERE "enterpriseId" = NEW.id;
  UPDATE "Certification" SET "enterpriseName" = NEW."name" WHERE "enterpriseId" = NEW.id;
  RETURN NULL;
END $$;

-- CreateIndex
CREATE INDEX "Certification_kind_enterpriseName_enterpriseId_expiresOn_idx" ON "Certification"("kind", "enterpriseName", "enterpriseId", "expiresOn");
