-- AlterTable
ALTER TABLE "Opportunity" ADD COLUMN     "kbliTree" TEXT[],
ADD COLUMN     "posterRegencyId" UUID,
ADD COLUMN     "posterSentraId" UUID;

-- One poster per post (the application's rule, opportunityCreate): its place is the IKM's or the partner's.
ALTER TABLE "Opportunity" ADD CONSTRAINT "Opportunity_one_poster" CHECK (num_nonnulls("enterpriseId", "partnerId") <= 1);

-- kbliTree: every prefix of every tag, set whenever the tags are written.
CREATE FUNCTION opportunity_kbli_tree() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."kbliTree" := ARRAY(SELECT DISTINCT left(t, n) FROM unnest(NEW."kbliPrefixes") t, generate_series(2, length(t)) n ORDER BY 1);
  RETURN NEW;
END $$;
CREATE TRIGGER "opportunity_kbli_tree" BEFORE INSERT OR UPDATE OF "kbliPrefixes" ON "Opportunity" FOR EACH ROW EXECUTE FUNCTION opportunity_kbli_tree();

-- posterRegencyId, posterSentraId: set when a post is written with its poster ...
CREATE FUNCTION opportunity_poster_place() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."enterpriseId" IS NOT NULL THEN
    SELECT d."regencyId", e."sentraId" INTO NEW."posterRegencyId", NEW."posterSentraId"
      FROM "Enterprise" e JOIN "District" d ON d.id = e."districtId" WHERE e.id = NEW."enterpriseId";
  ELSE
    NEW."posterSentraId" := NULL;
    NEW."posterRegencyId" := (SELECT d."regencyId" FROM "Partner" p JOIN "District" d ON d.id = p."districtId" WHERE p.id = NEW."partnerId");
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "opportunity_poster_place" BEFORE INSERT OR UPDATE OF "enterpriseId", "partnerId" ON "Opportunity" FOR EACH ROW EXECUTE FUNCTION opportunity_poster_place();

-- ... and when the poster moves: an IKM to another kecamatan or sentra, a partner's office elsewhere.
CREATE FUNCTION enterprise_posts_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Opportunity" SET "posterRegencyId" = (SELECT "regencyId" FROM "District" WHERE id = NEW."districtId"), "posterSentraId" = NEW."sentraId"
    WHERE "enterpriseId" = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER "opportunity_poster_enterprise" AFTER UPDATE OF "districtId", "sentraId" ON "Enterprise" FOR EACH ROW
  WHEN (OLD."districtId" IS DISTINCT FROM NEW."districtId" OR OLD."sentraId" IS DISTINCT FROM NEW."sentraId")
  EXECUTE FUNCTION enterprise_posts_moved();

CREATE FUNCTION partner_posts_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Opportunity" SET "posterRegencyId" = (SELECT "regencyId" FROM "District" WHERE id = NEW."districtId")
    WHERE "partnerId" = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER "opportunity_poster_partner" AFTER UPDATE OF "districtId" ON "Partner" FOR EACH ROW
  WHEN (OLD."districtId" IS DISTINCT FROM NEW."districtId")
  EXECUTE FUNCTION partner_posts_moved();

-- The posts already there, before the indexes, which are then built once. Their search text stays as
-- it is: its trigger would compare every old row with every new one.
ALTER TABLE "Opportunity" DISABLE TRIGGER "search_terms_update";
UPDATE "Opportunity" o SET "kbliTree" = ARRAY(SELECT DISTINCT left(t, n) FROM unnest(o."kbliPrefixes") t, generate_series(2, length(t)) n ORDER BY 1),
  "posterRegencyId" = coalesce(
    (SELECT d."regencyId" FROM "Enterprise" e JOIN "District" d ON d.id = e."districtId" WHERE e.id = o."enterpriseId"),
    (SELECT d."regencyId" FROM "Partner" p JOIN "District" d ON d.id = p."districtId" WHERE p.id = o."partnerId")),
  "posterSentraId" = (SELECT e."sentraId" FROM "Enterprise" e WHERE e.id = o."enterpriseId");
ALTER TABLE "Opportunity" ENABLE TRIGGER "search_terms_update";

-- CreateIndex
CREATE INDEX "Opportunity_posterRegencyId_createdAt_id_idx" ON "Opportunity"("posterRegencyId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Opportunity_posterSentraId_createdAt_id_idx" ON "Opportunity"("posterSentraId", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Opportunity_kbliTree_idx" ON "Opportunity" USING GIN ("kbliTree");

-- CreateIndex
CREATE INDEX "Opportunity_requiredCertifications_idx" ON "Opportunity" USING GIN ("requiredCertifications");

-- CreateIndex
CREATE INDEX "Opportunity_status_validUntil_createdAt_id_idx" ON "Opportunity"("status", "validUntil", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Opportunity_amountMin_amountMax_idx" ON "Opportunity"("amountMin", "amountMax");

-- CreateIndex
CREATE INDEX "Opportunity_amountMax_amountMin_idx" ON "Opportunity"("amountMax", "amountMin");
