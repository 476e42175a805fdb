-- AlterTable
ALTER TABLE "Opportunity" ADD COLUMN     "deliveryMonths" INTEGER;
