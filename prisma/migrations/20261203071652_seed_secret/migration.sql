-- CreateTable
CREATE TABLE "SeedSecret" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "salt" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SeedSecret_pkey" PRIMARY KEY ("id")
);

-- One row only: the seed reads and writes id 1.
ALTER TABLE "SeedSecret" ADD CONSTRAINT "SeedSecret_one_row" CHECK ("id" = 1);
