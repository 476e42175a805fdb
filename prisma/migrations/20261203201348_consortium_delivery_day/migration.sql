-- CreateIndex
CREATE INDEX "ConsortiumDelivery_deliveredOn_idx" ON "ConsortiumDelivery"("deliveredOn");
