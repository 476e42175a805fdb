-- CreateIndex
CREATE INDEX "Enterprise_status_sizeClass_employees_id_idx" ON "Enterprise"("status", "sizeClass", "employees", "id");
