-- DropIndex
DROP INDEX "Enterprise_sector_idx";

-- DropIndex
DROP INDEX "Enterprise_sentraId_status_idx";

-- CreateIndex
CREATE INDEX "Enterprise_sentraId_status_name_id_idx" ON "Enterprise"("sentraId", "status", "name", "id");

-- CreateIndex
CREATE INDEX "Enterprise_sector_status_name_id_idx" ON "Enterprise"("sector", "status", "name", "id");
