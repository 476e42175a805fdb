-- Customised: the kabupaten/kota stored beside a post (Opportunity.posterRegencyId) and an audit
-- record (AuditRecord.regencyId) is their IKM's or partner's kecamatan's. Their triggers follow a
-- poster or IKM that moves to another kecamatan; this one follows a kecamatan that reference data
-- moves to another kabupaten/kota, so the regional office that reads the IKM still reads its posts
-- and trail, and the one that no longer does, neither.
CREATE FUNCTION district_moved_regency() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Opportunity" o SET "posterRegencyId" = NEW."regencyId" FROM "Enterprise" e WHERE e."districtId" = NEW.id AND o."enterpriseId" = e.id;
  UPDATE "Opportunity" o SET "posterRegencyId" = NEW."regencyId" FROM "Partner" p WHERE p."districtId" = NEW.id AND o."partnerId" = p.id;
  UPDATE "AuditRecord" a SET "regencyId" = NEW."regencyId" FROM "Enterprise" e WHERE e."districtId" = NEW.id AND a."enterpriseId" = e.id;
  RETURN NULL;
END $$;
CREATE TRIGGER "district_moved_regency" AFTER UPDATE OF "regencyId" ON "District" FOR EACH ROW
  WHEN (OLD."regencyId" IS DISTINCT FROM NEW."regencyId")
  EXECUTE FUNCTION district_moved_regency();
