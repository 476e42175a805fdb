-- CreateEnum
CREATE TYPE "ForumOperation" AS ENUM ('IMPORT', 'SCHEDULE');

-- CreateTable
CREATE TABLE "ForumProgress" (
    "sessionId" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "operation" "ForumOperation" NOT NULL,
    "phase" TEXT NOT NULL,
    "done" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ForumProgress_pkey" PRIMARY KEY ("sessionId")
);

-- AddForeignKey
ALTER TABLE "ForumProgress" ADD CONSTRAINT "ForumProgress_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MatchmakingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;
