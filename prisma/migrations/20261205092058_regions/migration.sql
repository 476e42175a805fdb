-- CreateEnum
CREATE TYPE "RegencyKind" AS ENUM ('KABUPATEN', 'KOTA');

-- DropIndex
DROP INDEX "District_name_key";

-- AlterTable
ALTER TABLE "Partner" ADD COLUMN     "regencyCodes" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "officeId" UUID;

-- CreateTable
CREATE TABLE "Regency" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "RegencyKind" NOT NULL,
    "provinceCode" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Regency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisperinOffice" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "regencyId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DisperinOffice_pkey" PRIMARY KEY ("id")
);

-- Backfill. Databases made before this migration hold the 16 kecamatan of Kota Semarang
-- (33.74.01–33.74.16) and Disperin Kota Semarang's staff: Kota Semarang and its office are created
-- here (the seed adopts both by code and name), its kecamatan and staff are pointed at them, and only
-- then does District.regencyId become required. A kecamatan outside 33.74 would stop the migration.
INSERT INTO "Regency" ("id", "code", "name", "kind", "provinceCode")
SELECT gen_random_uuid(), '33.74', 'Kota Semarang', 'KOTA', '33'
WHERE EXISTS (SELECT 1 FROM "District");

INSERT INTO "DisperinOffice" ("id", "name", "regencyId")
SELECT gen_random_uuid(), 'Dinas Perindustrian Kota Semarang', r."id" FROM "Regency" r
WHERE r."code" = '33.74' AND EXISTS (SELECT 1 FROM "User" WHERE "role" IN ('ADMIN', 'OFFICER'));

ALTER TABLE "District" ADD COLUMN     "regencyId" UUID;

UPDATE "District" SET "regencyId" = (SELECT "id" FROM "Regency" WHERE "code" = '33.74') WHERE "code" LIKE '33.74.%';

ALTER TABLE "District" ALTER COLUMN "regencyId" SET NOT NULL;

UPDATE "User" SET "officeId" = (SELECT "id" FROM "DisperinOffice" WHERE "name" = 'Dinas Perindustrian Kota Semarang')
WHERE "role" IN ('ADMIN', 'OFFICER');

-- CreateIndex
CREATE UNIQUE INDEX "Regency_code_key" ON "Regency"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Regency_name_key" ON "Regency"("name");

-- CreateIndex
CREATE UNIQUE INDEX "DisperinOffice_name_key" ON "DisperinOffice"("name");

-- CreateIndex
CREATE UNIQUE INDEX "DisperinOffice_regencyId_key" ON "DisperinOffice"("regencyId");

-- CreateIndex
CREATE UNIQUE INDEX "District_regencyId_name_key" ON "District"("regencyId", "name");

-- AddForeignKey
ALTER TABLE "DisperinOffice" ADD CONSTRAINT "DisperinOffice_regencyId_fkey" FOREIGN KEY ("regencyId") REFERENCES "Regency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "District" ADD CONSTRAINT "District_regencyId_fkey" FOREIGN KEY ("regencyId") REFERENCES "Regency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "DisperinOffice"("id") ON DELETE SET NULL ON UPDATE CASCADE;
