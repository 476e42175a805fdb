-- DropIndex
DROP INDEX "OpportunitySearchTerm_opportunityId_idx";

-- CreateIndex
CREATE INDEX "Opportunity_createdAt_id_idx" ON "Opportunity"("createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Opportunity_productCategory_createdAt_id_idx" ON "Opportunity"("productCategory", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Opportunity_createdAt_asc_id_idx" ON "Opportunity"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Opportunity_validUntil_id_idx" ON "Opportunity"("validUntil", "id");

-- CreateIndex
CREATE INDEX "Opportunity_validUntil_desc_id_idx" ON "Opportunity"("validUntil" DESC, "id");

-- CreateIndex
CREATE INDEX "Opportunity_amountMax_id_idx" ON "Opportunity"("amountMax", "id");

-- CreateIndex
-- Customised: NULLS LAST, as the marketplace sorts the largest amounts first (opportunities without
-- one last); Prisma cannot say it and leaves it be.
CREATE INDEX "Opportunity_amountMax_desc_id_idx" ON "Opportunity"("amountMax" DESC NULLS LAST, "id");

-- CreateIndex
CREATE INDEX "Opportunity_title_id_idx" ON "Opportunity"("title", "id");

-- CreateIndex
CREATE INDEX "Opportunity_title_desc_id_idx" ON "Opportunity"("title" DESC, "id");

-- CreateIndex
CREATE INDEX "OpportunitySearchTerm_opportunityId_term_idx" ON "OpportunitySearchTerm"("opportunityId", "term");
