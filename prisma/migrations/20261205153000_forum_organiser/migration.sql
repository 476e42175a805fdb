-- AlterTable
ALTER TABLE "MatchmakingSession" ADD COLUMN     "organiserRegencyId" UUID;

-- AddForeignKey
ALTER TABLE "MatchmakingSession" ADD CONSTRAINT "MatchmakingSession_organiserRegencyId_fkey" FOREIGN KEY ("organiserRegencyId") REFERENCES "Regency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Customised: the forums made before this migration were organised by Disperin Kota Semarang
-- (the only office until the regions migration) or, since then, belong to their kecamatan's
-- kabupaten/kota: each takes its kecamatan's kabupaten/kota, and one without a kecamatan Kota
-- Semarang's (when the database has it).
UPDATE "MatchmakingSession" s SET "organiserRegencyId" = d."regencyId" FROM "District" d WHERE d.id = s."districtId";
UPDATE "MatchmakingSession" SET "organiserRegencyId" = (SELECT id FROM "Regency" WHERE code = '33.74') WHERE "districtId" IS NULL;
