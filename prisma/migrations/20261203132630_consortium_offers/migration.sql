-- CreateEnum
CREATE TYPE "ConsortiumOfferStatus" AS ENUM ('PROPOSED', 'SENT', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ConsortiumShareStatus" AS ENUM ('INVITED', 'ACCEPTED', 'DECLINED');

-- CreateTable
CREATE TABLE "ConsortiumCapacity" (
    "id" UUID NOT NULL,
    "enterpriseId" UUID NOT NULL,
    "unit" TEXT NOT NULL,
    "monthlyCapacity" INTEGER NOT NULL,
    "sharePercent" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConsortiumCapacity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsortiumOffer" (
    "id" UUID NOT NULL,
    "opportunityId" UUID NOT NULL,
    "sentraId" UUID,
    "coordinatorId" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit" TEXT NOT NULL,
    "status" "ConsortiumOfferStatus" NOT NULL DEFAULT 'PROPOSED',
    "proposedById" UUID,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConsortiumOffer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsortiumShare" (
    "id" UUID NOT NULL,
    "offerId" UUID NOT NULL,
    "enterpriseId" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "status" "ConsortiumShareStatus" NOT NULL DEFAULT 'INVITED',
    "reasons" TEXT[],
    "respondedAt" TIMESTAMP(3),

    CONSTRAINT "ConsortiumShare_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ConsortiumCapacity_enterpriseId_unit_key" ON "ConsortiumCapacity"("enterpriseId", "unit");

-- CreateIndex
CREATE INDEX "ConsortiumOffer_opportunityId_idx" ON "ConsortiumOffer"("opportunityId");

-- CreateIndex
CREATE INDEX "ConsortiumShare_enterpriseId_status_idx" ON "ConsortiumShare"("enterpriseId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ConsortiumShare_offerId_enterpriseId_key" ON "ConsortiumShare"("offerId", "enterpriseId");

-- AddForeignKey
ALTER TABLE "ConsortiumCapacity" ADD CONSTRAINT "ConsortiumCapacity_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsortiumOffer" ADD CONSTRAINT "ConsortiumOffer_opportunityId_fkey" FOREIGN KEY ("opportunityId") REFERENCES "Opportunity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsortiumOffer" ADD CONSTRAINT "ConsortiumOffer_sentraId_fkey" FOREIGN KEY ("sentraId") REFERENCES "Sentra"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsortiumOffer" ADD CONSTRAINT "ConsortiumOffer_coordinatorId_fkey" FOREIGN KEY ("coordinatorId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsortiumShare" ADD CONSTRAINT "ConsortiumShare_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "ConsortiumOffer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsortiumShare" ADD CONSTRAINT "ConsortiumShare_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
