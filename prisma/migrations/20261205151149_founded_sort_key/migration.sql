-- The id beside the founding date: the directory sorted by it pages on (foundedOn, id), and a
-- combined filter reads the ids of IKM founded before a date from this index alone.

-- DropIndex
DROP INDEX "Enterprise_status_foundedOn_idx";

-- CreateIndex
CREATE INDEX "Enterprise_status_foundedOn_id_idx" ON "Enterprise"("status", "foundedOn", "id");
