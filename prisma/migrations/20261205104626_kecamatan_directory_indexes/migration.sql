-- DropIndex
DROP INDEX "Enterprise_districtId_idx";

-- CreateIndex
CREATE INDEX "Enterprise_districtId_status_name_id_idx" ON "Enterprise"("districtId", "status", "name", "id");

-- CreateIndex
CREATE INDEX "Enterprise_districtId_sector_status_idx" ON "Enterprise"("districtId", "sector", "status");
