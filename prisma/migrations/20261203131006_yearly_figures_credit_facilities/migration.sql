-- CreateEnum
CREATE TYPE "FigureSource" AS ENUM ('SELF_DECLARED', 'BOOKKEEPING', 'TAX_RETURN', 'DISPERIN_SURVEY');

-- CreateEnum
CREATE TYPE "CreditFacilityKind" AS ENUM ('KUR', 'COMMERCIAL', 'COOPERATIVE', 'CONSUMER', 'FINTECH', 'OTHER');

-- CreateEnum
CREATE TYPE "LenderType" AS ENUM ('STATE_BANK', 'PRIVATE_BANK', 'REGIONAL_BANK', 'BPR', 'KOPERASI', 'FINTECH', 'PAWNSHOP', 'OTHER');

-- CreateEnum
CREATE TYPE "CreditAmountBand" AS ENUM ('UP_TO_10_JUTA', 'UP_TO_100_JUTA', 'UP_TO_500_JUTA', 'UP_TO_2_MILIAR', 'ABOVE_2_MILIAR');

-- CreateTable
CREATE TABLE "EnterpriseYearFigure" (
    "id" UUID NOT NULL,
    "enterpriseId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "turnover" BIGINT,
    "employees" INTEGER,
    "businessCapital" BIGINT,
    "exports" BIGINT,
    "source" "FigureSource" NOT NULL,
    "isEstimate" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EnterpriseYearFigure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditFacility" (
    "id" UUID NOT NULL,
    "enterpriseId" UUID NOT NULL,
    "kind" "CreditFacilityKind" NOT NULL,
    "lenderType" "LenderType",
    "amountBand" "CreditAmountBand",
    "startsOn" DATE,
    "endsOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CreditFacility_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EnterpriseYearFigure_year_idx" ON "EnterpriseYearFigure"("year");

-- CreateIndex
CREATE UNIQUE INDEX "EnterpriseYearFigure_enterpriseId_year_key" ON "EnterpriseYearFigure"("enterpriseId", "year");

-- CreateIndex
CREATE INDEX "CreditFacility_enterpriseId_idx" ON "CreditFacility"("enterpriseId");

-- AddForeignKey
ALTER TABLE "EnterpriseYearFigure" ADD CONSTRAINT "EnterpriseYearFigure_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CreditFacility" ADD CONSTRAINT "CreditFacility_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Data: today's single values become the first year of the history. A turnover recorded without a
-- year is read as the sales of the last closed year (in Semarang, WIB) when the record last changed,
-- self-declared and not an estimate: that is how the profile form asked for it.
INSERT INTO "EnterpriseYearFigure" ("id", "enterpriseId", "year", "turnover", "employees", "businessCapital", "source", "isEstimate", "updatedAt")
SELECT gen_random_uuid(), e."id", CAST(EXTRACT(YEAR FROM e."updatedAt" + INTERVAL '7 hours') AS INTEGER) - 1,
       e."annualTurnover", e."employees", e."businessCapital", 'SELF_DECLARED', false, CURRENT_TIMESTAMP
FROM "Enterprise" e;

-- The single currentCredit becomes one facility of its kind, lender, band and dates unknown.
INSERT INTO "CreditFacility" ("id", "enterpriseId", "kind")
SELECT gen_random_uuid(), e."id",
       CASE e."currentCredit" WHEN 'KUR' THEN 'KUR' WHEN 'COMMERCIAL_PRODUCTIVE' THEN 'COMMERCIAL' ELSE 'CONSUMER' END::"CreditFacilityKind"
FROM "Enterprise" e
WHERE e."currentCredit" <> 'NONE';
