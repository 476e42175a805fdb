-- CreateTable
CREATE TABLE "ConsortiumDelivery" (
    "id" UUID NOT NULL,
    "shareId" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "deliveredOn" DATE NOT NULL,
    "recordedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsortiumDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConsortiumDelivery_shareId_idx" ON "ConsortiumDelivery"("shareId");

-- AddForeignKey
ALTER TABLE "ConsortiumDelivery" ADD CONSTRAINT "ConsortiumDelivery_shareId_fkey" FOREIGN KEY ("shareId") REFERENCES "ConsortiumShare"("id") ON DELETE CASCADE ON UPDATE CASCADE;
