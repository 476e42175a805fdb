-- CreateTable
CREATE TABLE "SentraSizeClassCount" (
    "sentraId" UUID NOT NULL,
    "micro" INTEGER NOT NULL,
    "small" INTEGER NOT NULL,
    "medium" INTEGER NOT NULL,
    "large" INTEGER NOT NULL,
    "unclassified" INTEGER NOT NULL,

    CONSTRAINT "SentraSizeClassCount_pkey" PRIMARY KEY ("sentraId")
);

-- CreateTable
CREATE TABLE "SentraOpenOpportunity" (
    "sentraId" UUID NOT NULL,
    "validUntil" TIMESTAMP(3) NOT NULL,
    "opportunities" INTEGER NOT NULL,

    CONSTRAINT "SentraOpenOpportunity_pkey" PRIMARY KEY ("sentraId","validUntil")
);

-- Customised: triggers keep both tables in the transaction of every write, whoever writes, like
-- "SentraCapacity" (migration sentra_capacity).

-- Members per size class: an ACTIVE member of a sentra counts in the column of its stored
-- "sizeClass" (generated from its figures), unclassified without one.
CREATE FUNCTION sentra_size_classes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved bigint;
  changed text := changed_rows(TG_OP);
BEGIN
  -- Most updates change neither sentra, status nor size class. (Nested: an insert's or a delete's
  -- trigger has no old_rows or new_rows to plan the test with.)
  IF TG_OP = 'UPDATE' THEN
    -- Counted, not EXISTS (planned to stop at its first match: a nested loop over both tables, run
    -- to the end when nothing changed), and EXECUTEd, so planned for this statement's rows: a plan
    -- kept from a one-row update would nest-loop the next bulk one (5,000 rows: 7 s).
    EXECUTE $c$SELECT count(*) FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o."sentraId", o.status, o."sizeClass") IS DISTINCT FROM (n."sentraId", n.status, n."sizeClass")$c$ INTO moved;
    IF moved = 0 THEN
      RETURN NULL;
    END IF;
  END IF;
  EXECUTE format($q$
    INSERT INTO "SentraSizeClassCount" AS t ("sentraId", micro, small, medium, large, unclassified)
    SELECT r."sentraId",
           SUM(CASE WHEN r."sizeClass" = 'MICRO' THEN r.sign ELSE 0 END), SUM(CASE WHEN r."sizeClass" = 'SMALL' THEN r.sign ELSE 0 END),
           SUM(CASE WHEN r."sizeClass" = 'MEDIUM' THEN r.sign ELSE 0 END), SUM(CASE WHEN r."sizeClass" = 'LARGE' THEN r.sign ELSE 0 END),
           SUM(CASE WHEN r."sizeClass" IS NULL THEN r.sign ELSE 0 END)
    FROM (%s) r WHERE r.status = 'ACTIVE' AND r."sentraId" IS NOT NULL
    GROUP BY r."sentraId"
    ON CONFLICT ("sentraId") DO UPDATE SET micro = t.micro + excluded.micro, small = t.small + excluded.small,
      medium = t.medium + excluded.medium, large = t.large + excluded.large, unclassified = t.unclassified + excluded.unclassified
  $q$, changed);
  RETURN NULL;
END $$;

CREATE TRIGGER "sentra_size_classes_insert" AFTER INSERT ON "Enterprise" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sentra_size_classes();
CREATE TRIGGER "sentra_size_classes_update" AFTER UPDATE ON "Enterprise" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sentra_size_classes();
CREATE TRIGGER "sentra_size_classes_delete" AFTER DELETE ON "Enterprise" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sentra_size_classes();

INSERT INTO "SentraSizeClassCount" ("sentraId", micro, small, medium, large, unclassified)
SELECT "sentraId", count(*) FILTER (WHERE "sizeClass" = 'MICRO'), count(*) FILTER (WHERE "sizeClass" = 'SMALL'),
       count(*) FILTER (WHERE "sizeClass" = 'MEDIUM'), count(*) FILTER (WHERE "sizeClass" = 'LARGE'), count(*) FILTER (WHERE "sizeClass" IS NULL)
FROM "Enterprise" WHERE status = 'ACTIVE' AND "sentraId" IS NOT NULL GROUP BY "sentraId";

-- Opportunities stored OPEN and posted by a member of a sentra, per validUntil (OPEN at a clock is
-- stored OPEN and validUntil not passed, opportunity/queries.ts statusWhere). Adds signed deltas
-- [{s: sentra, v: validUntil, n}] and drops the rows they leave at none.
CREATE FUNCTION sentra_open_opportunities_add(deltas jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SentraOpenOpportunity" AS t ("sentraId", "validUntil", opportunities)
  SELECT x.s, x.v, SUM(x.n) FROM jsonb_to_recordset(deltas) AS x(s uuid, v timestamp(3), n int)
  GROUP BY x.s, x.v HAVING SUM(x.n) <> 0
  ON CONFLICT ("sentraId", "validUntil") DO UPDATE SET opportunities = t.opportunities + excluded.opportunities;
  DELETE FROM "SentraOpenOpportunity" t USING jsonb_to_recordset(deltas) AS x(s uuid, v timestamp(3))
  WHERE t."sentraId" = x.s AND t."validUntil" = x.v AND t.opportunities = 0;
END $$;

-- The whole table, for the rows already there and after a bulk load that left the trigger off.
CREATE FUNCTION sentra_open_opportunities_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM "SentraOpenOpportunity";
  INSERT INTO "SentraOpenOpportunity" ("sentraId", "validUntil", opportunities)
  SELECT e."sentraId", o."validUntil", count(*)
  FROM "Opportunity" o JOIN "Enterprise" e ON e.id = o."enterpriseId"
  WHERE o.status = 'OPEN' AND e."sentraId" IS NOT NULL
  GROUP BY 1, 2;
$$;

CREATE FUNCTION sentra_open_opportunities() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved bigint;
  changed text := changed_rows(TG_OP);
  deltas jsonb;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- Counted, not EXISTS (planned to stop at its first match: a nested loop over both tables, run
    -- to the end when nothing changed), and EXECUTEd, so planned for this statement's rows: a plan
    -- kept from a one-row update would nest-loop the next bulk one (5,000 rows: 7 s).
    EXECUTE $c$SELECT count(*) FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o."enterpriseId", o.status, o."validUntil") IS DISTINCT FROM (n."enterpriseId", n.status, n."validUntil")$c$ INTO moved;
    IF moved = 0 THEN
      RETURN NULL;
    END IF;
  END IF;
  EXECUTE format($q$
    SELECT jsonb_agg(jsonb_build_object('s', m."sentraId", 'v', r."validUntil", 'n', r.sign))
    FROM (%s) r JOIN "Enterprise" m ON m.id = r."enterpriseId"
    WHERE r.status = 'OPEN' AND m."sentraId" IS NOT NULL
  $q$, changed) INTO deltas;
  PERFORM sentra_open_opportunities_add(deltas);
  RETURN NULL;
END $$;

-- A member moving between sentra takes its opportunities along.
CREATE FUNCTION sentra_open_opportunities_members() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas jsonb;
BEGIN
  -- EXECUTEd, so planned for this statement's rows (a plan kept from a one-row update would nest-loop a bulk one).
  EXECUTE $q$
    SELECT jsonb_agg(jsonb_build_object('s', side.s, 'v', p."validUntil", 'n', side.sign))
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (o."sentraId", -1), (n."sentraId", 1)) AS side(s, sign)
    JOIN "Opportunity" p ON p."enterpriseId" = n.id AND p.status = 'OPEN'
    WHERE o."sentraId" IS DISTINCT FROM n."sentraId" AND side.s IS NOT NULL$q$ INTO deltas;
  PERFORM sentra_open_opportunities_add(deltas);
  RETURN NULL;
END $$;

-- A deleted member, before its opportunities lose it (their trigger no longer finds it).
CREATE FUNCTION sentra_open_opportunities_member_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."sentraId" IS NOT NULL THEN
    PERFORM sentra_open_opportunities_add((
      SELECT jsonb_agg(jsonb_build_object('s', OLD."sentraId", 'v', p."validUntil", 'n', -1))
      FROM "Opportunity" p WHERE p."enterpriseId" = OLD.id AND p.status = 'OPEN'));
  END IF;
  RETURN OLD;
END $$;

CREATE TRIGGER "sentra_open_opportunities_insert" AFTER INSERT ON "Opportunity" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sentra_open_opportunities();
CREATE TRIGGER "sentra_open_opportunities_update" AFTER UPDATE ON "Opportunity" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sentra_open_opportunities();
CREATE TRIGGER "sentra_open_opportunities_delete" AFTER DELETE ON "Opportunity" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sentra_open_opportunities();
CREATE TRIGGER "sentra_open_opportunities_update" AFTER UPDATE ON "Enterprise" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sentra_open_opportunities_members();
CREATE TRIGGER "sentra_open_opportunities_delete" BEFORE DELETE ON "Enterprise" FOR EACH ROW EXECUTE FUNCTION sentra_open_opportunities_member_deleted();

SELECT sentra_open_opportunities_rebuild();
