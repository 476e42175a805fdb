-- CreateEnum
CREATE TYPE "SavedSearchTarget" AS ENUM ('OPPORTUNITIES', 'FINANCING_LEADS');

-- AlterTable
ALTER TABLE "SavedSearch" ADD COLUMN     "amountBands" TEXT[],
ADD COLUMN     "purposes" "FinancingPurpose"[],
ADD COLUMN     "sectors" "Sector"[],
ADD COLUMN     "target" "SavedSearchTarget" NOT NULL DEFAULT 'OPPORTUNITIES';
