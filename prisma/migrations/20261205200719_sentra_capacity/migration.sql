-- CreateTable
CREATE TABLE "SentraCapacity" (
    "sentraId" UUID NOT NULL,
    "category" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "total" BIGINT NOT NULL,
    "enterprises" INTEGER NOT NULL,

    CONSTRAINT "SentraCapacity_pkey" PRIMARY KEY ("sentraId","category","unit")
);

-- Customised: triggers keep "SentraCapacity" in the transaction of every write, whoever writes (the
-- API, the seeds). A member counts while ACTIVE and in a sentra; units are compared as
-- capacityByCategory always compared them, lower(btrim(unit)).

-- The rows a statement changed, each with a sign (1 written, -1 removed: an update's old rows), as
-- SQL for a statement-level trigger's EXECUTE (its transition tables old_rows and new_rows).
CREATE FUNCTION changed_rows(op text) RETURNS text IMMUTABLE LANGUAGE sql AS $$
  SELECT CASE op
    WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT *, -1 AS sign FROM old_rows'
    ELSE 'SELECT *, 1 AS sign FROM new_rows UNION ALL SELECT *, -1 FROM old_rows' END;
$$;

-- Adds signed deltas [{s: sentra, c: category, u: unit, cap, n: members}] and drops the rows they
-- leave at no member.
CREATE FUNCTION sentra_capacity_add(deltas jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "SentraCapacity" AS t ("sentraId", category, unit, total, enterprises)
  SELECT x.s, x.c, x.u, SUM(x.cap), SUM(x.n)
  FROM jsonb_to_recordset(deltas) AS x(s uuid, c text, u text, cap bigint, n int)
  GROUP BY x.s, x.c, x.u
  HAVING SUM(x.cap) <> 0 OR SUM(x.n) <> 0
  ON CONFLICT ("sentraId", category, unit) DO UPDATE
    SET total = t.total + excluded.total, enterprises = t.enterprises + excluded.enterprises;
  DELETE FROM "SentraCapacity" t USING jsonb_to_recordset(deltas) AS x(s uuid, c text, u text)
  WHERE t."sentraId" = x.s AND t.category = x.c AND t.unit = x.u AND t.enterprises = 0;
END $$;

-- The whole table from the products, for the rows already there and after a bulk load that left
-- the triggers off (seed/synthetic.ts).
CREATE FUNCTION sentra_capacity_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM "SentraCapacity";
  INSERT INTO "SentraCapacity" ("sentraId", category, unit, total, enterprises)
  SELECT e."sentraId", p.category, lower(btrim(p.unit)), SUM(p."monthlyCapacity"), COUNT(DISTINCT e.id)
  FROM "EnterpriseProduct" p JOIN "Enterprise" e ON e.id = p."enterpriseId"
  WHERE e."sentraId" IS NOT NULL AND e.status = 'ACTIVE'
  GROUP BY e."sentraId", p.category, lower(btrim(p.unit));
$$;

-- Products written: per member, category and unit, the capacity added or taken, and a member
-- more (or fewer) where it made none (or makes none now) of that category and unit.
CREATE FUNCTION sentra_capacity_products() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved bigint;
  changed text := changed_rows(TG_OP);
  deltas jsonb;
BEGIN
  -- Most updates (a name, a price, the enterprise's name beside each product) change no capacity.
  -- (Nested: an insert's or a delete's trigger has no old_rows or new_rows to plan the test with.)
  IF TG_OP = 'UPDATE' THEN
    -- Counted, not EXISTS (planned to stop at its first match: a nested loop over both tables, run
    -- to the end when nothing changed), and EXECUTEd, so planned for this statement's rows: a plan
    -- kept from a one-row update would nest-loop the next bulk one (5,000 rows: 7 s).
    EXECUTE $c$SELECT count(*) FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o."enterpriseId", o.category, lower(btrim(o.unit)), o."monthlyCapacity")
        IS DISTINCT FROM (n."enterpriseId", n.category, lower(btrim(n.unit)), n."monthlyCapacity")$c$ INTO moved;
    IF moved = 0 THEN
      RETURN NULL;
    END IF;
  END IF;
  EXECUTE format($q$
    WITH k AS (
      SELECT r."enterpriseId" AS e, r.category AS c, lower(btrim(r.unit)) AS u,
             SUM(r.sign * r."monthlyCapacity"::bigint) AS cap, SUM(r.sign) AS n
      FROM (%s) r GROUP BY 1, 2, 3
    )
    SELECT jsonb_agg(jsonb_build_object('s', m."sentraId", 'c', k.c, 'u', k.u, 'cap', k.cap,
             'n', (cur.n > 0)::int - (cur.n - k.n > 0)::int))
    FROM k
    JOIN "Enterprise" m ON m.id = k.e AND m.status = 'ACTIVE' AND m."sentraId" IS NOT NULL
    CROSS JOIN LATERAL (SELECT count(*) AS n FROM "EnterpriseProduct" p
      WHERE p."enterpriseId" = k.e AND p.category = k.c AND lower(btrim(p.unit)) = k.u) cur
  $q$, changed) INTO deltas;
  PERFORM sentra_capacity_add(deltas);
  RETURN NULL;
END $$;

-- Members that join, leave, move between sentra, are archived or restored: their products go from
-- the old sentra's rows to the new one's.
CREATE FUNCTION sentra_capacity_members() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas jsonb;
BEGIN
  -- EXECUTEd, so planned for this statement's rows (a plan kept from a one-row update would nest-loop a bulk one).
  EXECUTE $q$
  WITH moved AS (
    SELECT o.id, o."sentraId" AS left_s, n."sentraId" AS joined_s,
           o.status = 'ACTIVE' AND o."sentraId" IS NOT NULL AS counted, n.status = 'ACTIVE' AND n."sentraId" IS NOT NULL AS counts
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.status = 'ACTIVE', o."sentraId") IS DISTINCT FROM (n.status = 'ACTIVE', n."sentraId")
  ), sides AS (
    SELECT id, left_s AS s, -1 AS sign FROM moved WHERE counted
    UNION ALL SELECT id, joined_s, 1 FROM moved WHERE counts
  )
  SELECT jsonb_agg(jsonb_build_object('s', x.s, 'c', x.c, 'u', x.u, 'cap', x.cap, 'n', x.sign))
  FROM (
    SELECT s.s, s.sign, p.category AS c, lower(btrim(p.unit)) AS u, SUM(s.sign * p."monthlyCapacity"::bigint) AS cap
    FROM sides s JOIN "EnterpriseProduct" p ON p."enterpriseId" = s.id
    GROUP BY s.id, s.s, s.sign, 3, 4
  ) x$q$ INTO deltas;
  PERFORM sentra_capacity_add(deltas);
  RETURN NULL;
END $$;

-- A deleted member, before its products go with it (their trigger no longer finds it).
CREATE FUNCTION sentra_capacity_member_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'ACTIVE' AND OLD."sentraId" IS NOT NULL THEN
    PERFORM sentra_capacity_add((
      SELECT jsonb_agg(jsonb_build_object('s', OLD."sentraId", 'c', x.c, 'u', x.u, 'cap', -x.cap, 'n', -1))
      FROM (SELECT category AS c, lower(btrim(unit)) AS u, SUM("monthlyCapacity"::bigint) AS cap
            FROM "EnterpriseProduct" WHERE "enterpriseId" = OLD.id GROUP BY 1, 2) x));
  END IF;
  RETURN OLD;
END $$;

CREATE TRIGGER "sentra_capacity_insert" AFTER INSERT ON "EnterpriseProduct" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sentra_capacity_products();
CREATE TRIGGER "sentra_capacity_update" AFTER UPDATE ON "EnterpriseProduct" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sentra_capacity_products();
CREATE TRIGGER "sentra_capacity_delete" AFTER DELETE ON "EnterpriseProduct" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sentra_capacity_products();
CREATE TRIGGER "sentra_capacity_update" AFTER UPDATE ON "Enterprise" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sentra_capacity_members();
CREATE TRIGGER "sentra_capacity_delete" BEFORE DELETE ON "Enterprise" FOR EACH ROW EXECUTE FUNCTION sentra_capacity_member_deleted();

SELECT sentra_capacity_rebuild();
