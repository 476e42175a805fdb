-- DropIndex
DROP INDEX "Enterprise_sentraId_idx";

-- DropIndex
DROP INDEX "EnterpriseProduct_category_idx";

-- CreateIndex
CREATE INDEX "Enterprise_status_name_id_idx" ON "Enterprise"("status", "name", "id");

-- CreateIndex
CREATE INDEX "Enterprise_status_employees_id_idx" ON "Enterprise"("status", "employees", "id");

-- CreateIndex
CREATE INDEX "Enterprise_status_createdAt_id_idx" ON "Enterprise"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Enterprise_sentraId_status_idx" ON "Enterprise"("sentraId", "status");

-- CreateIndex
CREATE INDEX "EnterpriseProduct_category_monthlyCapacity_idx" ON "EnterpriseProduct"("category", "monthlyCapacity");

-- Customised: the product filter now compares categories exactly (with this index); categories are
-- slugs written in lower case since enterprise/validate.ts checks them, and older rows are made so.
UPDATE "EnterpriseProduct" SET "category" = lower("category") WHERE "category" <> lower("category");
