-- AlterTable
ALTER TABLE "ConsortiumOffer" ADD COLUMN     "contactUserId" UUID;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "staff" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "userIds" UUID[] DEFAULT ARRAY[]::UUID[];

-- AlterTable
ALTER TABLE "Sentra" ADD COLUMN     "coordinatorUserId" UUID;

-- AddForeignKey
ALTER TABLE "Sentra" ADD CONSTRAINT "Sentra_coordinatorUserId_fkey" FOREIGN KEY ("coordinatorUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsortiumOffer" ADD CONSTRAINT "ConsortiumOffer_contactUserId_fkey" FOREIGN KEY ("contactUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
