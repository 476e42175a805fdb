-- A sector's IKM of one size class in the directory's order: one range of one index.
CREATE INDEX "Enterprise_sector_sizeClass_status_name_id_idx" ON "Enterprise"("sector", "sizeClass", "status", "name", "id");
