-- DropIndex
DROP INDEX "Opportunity_posterRegencyId_createdAt_id_idx";

-- CreateIndex
CREATE INDEX "Opportunity_posterRegencyId_createdAt_id_status_validUntil_idx" ON "Opportunity"("posterRegencyId", "createdAt" DESC, "id", "status", "validUntil");
