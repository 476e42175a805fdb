-- AlterTable
ALTER TABLE "AuditRecord" ADD COLUMN     "regencyId" UUID;

-- CreateIndex
CREATE INDEX "AuditRecord_regencyId_at_idx" ON "AuditRecord"("regencyId", "at");

-- Customised: a record's kabupaten/kota is its IKM's, so a regional office lists its own IKM's
-- records in one read (auditRecords) as it reads the IKM. Set on insert, whatever writes the record
-- (the request's audit insert, a planned page of leads), and moved with the IKM to another
-- kabupaten/kota: the office that reads the IKM reads its trail, as for every other staff-only record.
UPDATE "AuditRecord" a SET "regencyId" = d."regencyId" FROM "Enterprise" e JOIN "District" d ON d.id = e."districtId" WHERE e.id = a."enterpriseId";

CREATE FUNCTION audit_record_region() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."regencyId" := (SELECT d."regencyId" FROM "Enterprise" e JOIN "District" d ON d.id = e."districtId" WHERE e.id = NEW."enterpriseId");
  RETURN NEW;
END $$;
CREATE TRIGGER "audit_record_region" BEFORE INSERT ON "AuditRecord" FOR EACH ROW WHEN (NEW."enterpriseId" IS NOT NULL) EXECUTE FUNCTION audit_record_region();

CREATE FUNCTION audit_record_follows_enterprise() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved_to uuid := (SELECT "regencyId" FROM "District" WHERE id = NEW."districtId");
BEGIN
  IF moved_to IS DISTINCT FROM (SELECT "regencyId" FROM "District" WHERE id = OLD."districtId") THEN
    UPDATE "AuditRecord" SET "regencyId" = moved_to WHERE "enterpriseId" = NEW.id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "audit_record_follows_enterprise" AFTER UPDATE OF "districtId" ON "Enterprise" FOR EACH ROW WHEN (OLD."districtId" IS DISTINCT FROM NEW."districtId") EXECUTE FUNCTION audit_record_follows_enterprise();
