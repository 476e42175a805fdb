-- Customised: the triggers of "SentraCapacity" and "SentraOpenOpportunity" read the member of the
-- rows a statement changed (its sentra, and for capacity whether it had other products of the
-- category and unit) as their statement's snapshot shows it. Two transactions adding a member's
-- first product of a category and unit both saw none before theirs and both counted the member
-- (removing its last two, neither counted it out); a product or opportunity written while another
-- transaction moved its member to another sentra went to the old one. The triggers now lock those
-- members first, in id order, and read after the lock, when a transaction that held it has
-- committed: products' exclusively (the member count depends on the others' products), opportunities'
-- shared (only a move of the member changes where they count; a member's update locks it too).
-- "SentraSizeClassCount" needs none: its deltas are the member rows' own old and new versions.

-- The statement locking the members of a statement's rows (changed_rows), as SQL for EXECUTE.
CREATE FUNCTION changed_members_locked(changed text, strength text) RETURNS text IMMUTABLE LANGUAGE sql AS $$
  SELECT format('SELECT id FROM "Enterprise" WHERE id IN (SELECT r."enterpriseId" FROM (%s) r) ORDER BY id FOR %s', changed, strength);
$$;

CREATE OR REPLACE FUNCTION sentra_capacity_products() RETURNS trigger LANGUAGE plpgsql AS $$
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
  EXECUTE changed_members_locked(changed, 'NO KEY UPDATE');
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

CREATE OR REPLACE FUNCTION sentra_open_opportunities() RETURNS trigger LANGUAGE plpgsql AS $$
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
  EXECUTE changed_members_locked(changed, 'SHARE');
  EXECUTE format($q$
    SELECT jsonb_agg(jsonb_build_object('s', m."sentraId", 'v', r."validUntil", 'n', r.sign))
    FROM (%s) r JOIN "Enterprise" m ON m.id = r."enterpriseId"
    WHERE r.status = 'OPEN' AND m."sentraId" IS NOT NULL
  $q$, changed) INTO deltas;
  PERFORM sentra_open_opportunities_add(deltas);
  RETURN NULL;
END $$;
