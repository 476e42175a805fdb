-- CreateTable
CREATE TABLE "ForumFunnelEntry" (
    "participantId" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "enterpriseId" UUID NOT NULL,
    "forumDate" DATE NOT NULL,
    "sector" "Sector" NOT NULL,
    "sentraId" UUID,
    "districtId" UUID NOT NULL,
    "requests" INTEGER NOT NULL,
    "held" INTEGER NOT NULL,
    "deals" INTEGER NOT NULL,
    "dealValue" BIGINT NOT NULL,
    "followUps3" INTEGER NOT NULL,
    "followUps6" INTEGER NOT NULL,
    "ikmRequests" INTEGER NOT NULL,
    "needs" INTEGER NOT NULL,
    "contacted" INTEGER NOT NULL,
    "approved" INTEGER NOT NULL,
    "approvedValue" BIGINT NOT NULL,
    "disbursed" INTEGER NOT NULL,
    "disbursedValue" BIGINT NOT NULL,
    "shareSector" "Sector",
    "sizeClass" TEXT,
    "before" BIGINT,
    "after" BIGINT,

    CONSTRAINT "ForumFunnelEntry_pkey" PRIMARY KEY ("participantId")
);

-- CreateIndex
CREATE INDEX "ForumFunnelEntry_forumDate_idx" ON "ForumFunnelEntry"("forumDate");

-- CreateIndex
CREATE INDEX "ForumParticipant_enterpriseId_idx" ON "ForumParticipant"("enterpriseId");

-- AddForeignKey
ALTER TABLE "ForumFunnelEntry" ADD CONSTRAINT "ForumFunnelEntry_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "ForumParticipant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The funnel facts of the given forum participants, recomputed from what they are built from
-- (participants that are partners, or gone, are only removed). Requests count in any status; a
-- meeting counts when HELD, as a deal when its outcome is DEAL, with a follow-up at 3 or 6 months
-- when one is recorded; needs count from the forum's date to 12 months later, a lead stage when a
-- funder's review is at it now or was earlier (LeadStatusChange); the growth share is the one of
-- the forum's year.
CREATE FUNCTION forum_funnel_refresh(pids UUID[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(pids), 0) = 0 THEN
    RETURN;
  END IF;
  -- Concurrent writers of the same participants take turns (locks in key order, so never in a
  -- cycle), and each statement below reads what is committed once the lock is held: a refresh
  -- computed before another one commits would otherwise overwrite it with older figures.
  PERFORM 1 FROM "ForumFunnelEntry" WHERE "participantId" = ANY (pids) ORDER BY "participantId" FOR UPDATE;
  DELETE FROM "ForumFunnelEntry" f WHERE f."participantId" = ANY (pids)
    AND NOT EXISTS (SELECT 1 FROM "ForumParticipant" fp WHERE fp."id" = f."participantId" AND fp."enterpriseId" IS NOT NULL);
  INSERT INTO "ForumFunnelEntry" ("participantId", "sessionId", "enterpriseId", "forumDate", "sector", "sentraId", "districtId",
    "requests", "held", "deals", "dealValue", "followUps3", "followUps6", "ikmRequests",
    "needs", "contacted", "approved", "approvedValue", "disbursed", "disbursedValue", "shareSector", "sizeClass", "before", "after")
  SELECT fp."id", fp."sessionId", fp."enterpriseId", s."date", e."sector", e."sentraId", e."districtId",
    m.requests, m.held, m.deals, m.deal_value, m.fu3, m.fu6, m.ikm,
    n.needs, n.contacted, n.approved, n.approved_value, n.disbursed, n.disbursed_value,
    g."sector", g."sizeClass", g."before", g."after"
  FROM "ForumParticipant" fp
  JOIN "MatchmakingSession" s ON s."id" = fp."sessionId"
  JOIN "Enterprise" e ON e."id" = fp."enterpriseId"
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS requests,
      count(*) FILTER (WHERE mt."status" = 'HELD')::int AS held,
      count(*) FILTER (WHERE mt."status" = 'HELD' AND mt."outcome" = 'DEAL')::int AS deals,
      coalesce(sum(mt."dealValue") FILTER (WHERE mt."status" = 'HELD' AND mt."outcome" = 'DEAL'), 0) AS deal_value,
      count(*) FILTER (WHERE mt."status" = 'HELD' AND f.fu3)::int AS fu3,
      count(*) FILTER (WHERE mt."status" = 'HELD' AND f.fu6)::int AS fu6,
      count(*) FILTER (WHERE r."requesterId" = fp."id" AND o."enterpriseId" IS NOT NULL)::int AS ikm
    FROM "MeetingRequest" r
    JOIN "ForumParticipant" o ON o."id" = CASE WHEN r."requesterId" = fp."id" THEN r."recipientId" ELSE r."requesterId" END
    LEFT JOIN "Meeting" mt ON mt."requestId" = r."id"
    LEFT JOIN LATERAL (
      SELECT bool_or(u."monthsAfter" = 3) AS fu3, bool_or(u."monthsAfter" = 6) AS fu6 FROM "MeetingFollowUp" u WHERE u."meetingId" = mt."id"
    ) f ON true
    WHERE (r."sessionId" = fp."sessionId" AND r."requesterId" = fp."id") OR r."recipientId" = fp."id"
  ) m
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS needs, count(*) FILTER (WHERE l.contacted)::int AS contacted, count(*) FILTER (WHERE l.approved)::int AS approved,
      coalesce(sum(nd."amount") FILTER (WHERE l.approved), 0) AS approved_value,
      count(*) FILTER (WHERE l.disbursed IS NOT NULL)::int AS disbursed, coalesce(sum(l.disbursed), 0) AS disbursed_value
    FROM "FinancingNeed" nd
    CROSS JOIN LATERAL (
      SELECT coalesce(bool_or(lr."status" IN ('CONTACTED', 'IN_REVIEW', 'APPROVED', 'DISBURSED') OR EXISTS (
          SELECT 1 FROM "LeadStatusChange" h WHERE h."reviewId" = lr."id" AND h."toStatus" IN ('CONTACTED', 'IN_REVIEW', 'APPROVED', 'DISBURSED'))), false) AS contacted,
        coalesce(bool_or(lr."status" IN ('APPROVED', 'DISBURSED') OR EXISTS (
          SELECT 1 FROM "LeadStatusChange" h WHERE h."reviewId" = lr."id" AND h."toStatus" IN ('APPROVED', 'DISBURSED'))), false) AS approved,
        sum(lr."disbursedAmount") FILTER (WHERE lr."status" = 'DISBURSED') AS disbursed
      FROM "LeadReview" lr WHERE lr."financingNeedId" = nd."id"
    ) l
    WHERE nd."enterpriseId" = fp."enterpriseId" AND nd."createdAt" >= s."date" AND nd."createdAt" < s."date" + INTERVAL '12 months'
  ) n
  LEFT JOIN "TurnoverGrowthShare" g ON g."enterpriseId" = fp."enterpriseId" AND g."year" = extract(year FROM s."date")::int
  WHERE fp."id" = ANY (pids) AND fp."enterpriseId" IS NOT NULL
  ON CONFLICT ("participantId") DO UPDATE SET
    "sessionId" = EXCLUDED."sessionId", "enterpriseId" = EXCLUDED."enterpriseId", "forumDate" = EXCLUDED."forumDate", "sector" =
    EXCLUDED."sector", "sentraId" = EXCLUDED."sentraId", "districtId" = EXCLUDED."districtId", "requests" = EXCLUDED."requests",
    "held" = EXCLUDED."held", "deals" = EXCLUDED."deals", "dealValue" = EXCLUDED."dealValue", "followUps3" = EXCLUDED."followUps3",
    "followUps6" = EXCLUDED."followUps6", "ikmRequests" = EXCLUDED."ikmRequests", "needs" = EXCLUDED."needs", "contacted" =
    EXCLUDED."contacted", "approved" = EXCLUDED."approved", "approvedValue" = EXCLUDED."approvedValue", "disbursed" =
    EXCLUDED."disbursed", "disbursedValue" = EXCLUDED."disbursedValue", "shareSector" = EXCLUDED."shareSector", "sizeClass" =
    EXCLUDED."sizeClass", "before" = EXCLUDED."before", "after" = EXCLUDED."after";
END $$;

-- A statement trigger on a table the entries are built from: TG_ARGV[0] says what its rows point
-- at (participant, request, meeting, review, need, enterprise), TG_ARGV[1..] the columns holding
-- it; the entries of every participant concerned, before and after the change, are recomputed.
CREATE FUNCTION forum_funnel_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  keys UUID[] := '{}';
  part UUID[];
BEGIN
  FOR i IN 1 .. TG_NARGS - 1 LOOP
    IF TG_OP <> 'DELETE' THEN
      EXECUTE format('SELECT array_agg(DISTINCT %I) FROM new_rows', TG_ARGV[i]) INTO part;
      keys := keys || coalesce(part, '{}');
    END IF;
    IF TG_OP <> 'INSERT' THEN
      EXECUTE format('SELECT array_agg(DISTINCT %I) FROM old_rows', TG_ARGV[i]) INTO part;
      keys := keys || coalesce(part, '{}');
    END IF;
  END LOOP;
  IF TG_ARGV[0] = 'meeting' THEN
    keys := ARRAY(SELECT "requestId" FROM "Meeting" WHERE "id" = ANY (keys));
  ELSIF TG_ARGV[0] = 'review' THEN
    keys := ARRAY(SELECT "financingNeedId" FROM "LeadReview" WHERE "id" = ANY (keys));
  END IF;
  IF TG_ARGV[0] IN ('meeting', 'request') THEN
    keys := ARRAY(SELECT "requesterId" FROM "MeetingRequest" WHERE "id" = ANY (keys) UNION SELECT "recipientId" FROM "MeetingRequest" WHERE "id" = ANY (keys));
  ELSIF TG_ARGV[0] IN ('review', 'need') THEN
    keys := ARRAY(SELECT DISTINCT "enterpriseId" FROM "FinancingNeed" WHERE "id" = ANY (keys));
  END IF;
  IF TG_ARGV[0] IN ('review', 'need', 'enterprise') THEN
    keys := ARRAY(SELECT "id" FROM "ForumParticipant" WHERE "enterpriseId" = ANY (keys));
  END IF;
  PERFORM forum_funnel_refresh(keys);
  RETURN NULL;
END $$;

-- Updates of Enterprise and MatchmakingSession matter only when a key or the date moves (most do not).
CREATE FUNCTION forum_funnel_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'Enterprise' THEN
    PERFORM forum_funnel_refresh(ARRAY(
      SELECT fp."id" FROM new_rows n JOIN old_rows o USING ("id") JOIN "ForumParticipant" fp ON fp."enterpriseId" = n."id"
      WHERE (n."sector", n."sentraId", n."districtId") IS DISTINCT FROM (o."sector", o."sentraId", o."districtId")));
  ELSE
    PERFORM forum_funnel_refresh(ARRAY(
      SELECT fp."id" FROM new_rows n JOIN old_rows o USING ("id") JOIN "ForumParticipant" fp ON fp."sessionId" = n."id"
      WHERE n."date" IS DISTINCT FROM o."date"));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "forum_funnel_insert" AFTER INSERT ON "ForumParticipant" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('participant', 'id');
CREATE TRIGGER "forum_funnel_update" AFTER UPDATE ON "ForumParticipant" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('participant', 'id');
-- A request's parties never change; its status does not count (requests count in any status).
CREATE TRIGGER "forum_funnel_insert" AFTER INSERT ON "MeetingRequest" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('participant', 'requesterId', 'recipientId');
CREATE TRIGGER "forum_funnel_delete" AFTER DELETE ON "MeetingRequest" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('participant', 'requesterId', 'recipientId');
CREATE TRIGGER "forum_funnel_insert" AFTER INSERT ON "Meeting" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('request', 'requestId');
CREATE TRIGGER "forum_funnel_update" AFTER UPDATE ON "Meeting" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('request', 'requestId');
CREATE TRIGGER "forum_funnel_delete" AFTER DELETE ON "Meeting" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('request', 'requestId');
CREATE TRIGGER "forum_funnel_insert" AFTER INSERT ON "MeetingFollowUp" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('meeting', 'meetingId');
CREATE TRIGGER "forum_funnel_update" AFTER UPDATE ON "MeetingFollowUp" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('meeting', 'meetingId');
CREATE TRIGGER "forum_funnel_delete" AFTER DELETE ON "MeetingFollowUp" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('meeting', 'meetingId');
CREATE TRIGGER "forum_funnel_insert" AFTER INSERT ON "FinancingNeed" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('enterprise', 'enterpriseId');
CREATE TRIGGER "forum_funnel_update" AFTER UPDATE ON "FinancingNeed" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('enterprise', 'enterpriseId');
CREATE TRIGGER "forum_funnel_delete" AFTER DELETE ON "FinancingNeed" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('enterprise', 'enterpriseId');
CREATE TRIGGER "forum_funnel_insert" AFTER INSERT ON "LeadReview" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('need', 'financingNeedId');
CREATE TRIGGER "forum_funnel_update" AFTER UPDATE ON "LeadReview" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('need', 'financingNeedId');
CREATE TRIGGER "forum_funnel_delete" AFTER DELETE ON "LeadReview" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('need', 'financingNeedId');
CREATE TRIGGER "forum_funnel_insert" AFTER INSERT ON "LeadStatusChange" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('review', 'reviewId');
CREATE TRIGGER "forum_funnel_delete" AFTER DELETE ON "LeadStatusChange" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('review', 'reviewId');
CREATE TRIGGER "forum_funnel_insert" AFTER INSERT ON "TurnoverGrowthShare" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('enterprise', 'enterpriseId');
CREATE TRIGGER "forum_funnel_update" AFTER UPDATE ON "TurnoverGrowthShare" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('enterprise', 'enterpriseId');
CREATE TRIGGER "forum_funnel_delete" AFTER DELETE ON "TurnoverGrowthShare" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_changed('enterprise', 'enterpriseId');
CREATE TRIGGER "forum_funnel_update" AFTER UPDATE ON "Enterprise" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_moved();
CREATE TRIGGER "forum_funnel_update" AFTER UPDATE ON "MatchmakingSession" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forum_funnel_moved();

-- Backfill: every IKM forum participant so far; statistics for the first reports.
SELECT forum_funnel_refresh(ARRAY(SELECT "id" FROM "ForumParticipant" WHERE "enterpriseId" IS NOT NULL));
ANALYZE "ForumFunnelEntry";
