-- CreateIndex
CREATE INDEX "Opportunity_newest_filtered_idx" ON "Opportunity"("createdAt" DESC, "id", "status", "validUntil", "amountMin", "amountMax", "sector");
