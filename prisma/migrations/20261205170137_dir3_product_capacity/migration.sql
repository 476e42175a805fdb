-- CreateIndex
CREATE INDEX "EnterpriseProduct_monthlyCapacity_enterpriseId_enterpriseNa_idx" ON "EnterpriseProduct"("monthlyCapacity", "enterpriseId", "enterpriseName", "unit");
