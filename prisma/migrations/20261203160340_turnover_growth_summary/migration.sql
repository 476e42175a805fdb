-- CreateTable
CREATE TABLE "TurnoverGrowthShare" (
    "enterpriseId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "sector" "Sector" NOT NULL,
    "sizeClass" TEXT NOT NULL,
    "before" BIGINT NOT NULL,
    "after" BIGINT NOT NULL,

    CONSTRAINT "TurnoverGrowthShare_pkey" PRIMARY KEY ("enterpriseId","year")
);

-- CreateTable
CREATE TABLE "TurnoverGrowthCell" (
    "year" INTEGER NOT NULL,
    "sector" "Sector" NOT NULL,
    "sizeClass" TEXT NOT NULL,
    "ikm" INTEGER NOT NULL,
    "before" BIGINT NOT NULL,
    "after" BIGINT NOT NULL,

    CONSTRAINT "TurnoverGrowthCell_pkey" PRIMARY KEY ("year","sector","sizeClass")
);

-- AddForeignKey
ALTER TABLE "TurnoverGrowthShare" ADD CONSTRAINT "TurnoverGrowthShare_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill from the figures already recorded (what rebuildTurnoverGrowth does; size classes by the
-- sales of the year before under PP 7/2021 art. 35(5): micro <= Rp2 miliar, small <= Rp15 miliar,
-- medium <= Rp50 miliar).
INSERT INTO "TurnoverGrowthShare" ("enterpriseId", "year", "sector", "sizeClass", "before", "after")
SELECT b."enterpriseId", b."year", e."sector",
  CASE WHEN a."turnover" <= 2000000000 THEN 'MICRO' WHEN a."turnover" <= 15000000000 THEN 'SMALL'
    WHEN a."turnover" <= 50000000000 THEN 'MEDIUM' ELSE 'LARGE' END,
  a."turnover", b."turnover"
FROM "EnterpriseYearFigure" b
JOIN "EnterpriseYearFigure" a ON a."enterpriseId" = b."enterpriseId" AND a."year" = b."year" - 1 AND a."turnover" > 0
JOIN "Enterprise" e ON e."id" = b."enterpriseId"
WHERE b."turnover" IS NOT NULL;

INSERT INTO "TurnoverGrowthCell" ("year", "sector", "sizeClass", "ikm", "before", "after")
SELECT "year", "sector", "sizeClass", count(*)::int, sum("before"), sum("after") FROM "TurnoverGrowthShare" GROUP BY 1, 2, 3;
