-- Customised: the match keys (migration match_keys) also say which certificates an IKM holds and
-- how much it makes of each product category, so that a ranking asking for certificates or a
-- volume reads first the few IKM that have them (bound.ts) instead of checking tens of thousands
-- row by row: "q:" and each kind it has a certificate of, lapsed or not (the bound counts both),
-- and "v:" category ":" band, the band of the category's monthly capacity summed over its products
-- (each at least 0): b where 2^b <= capacity < 2^(b+1), 31 for any capacity from 2^31 on.

-- The band of a positive capacity: its highest bit, counted from 0.
CREATE FUNCTION match_keys_band(capacity bigint) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT least(31, 64 - position('1' IN capacity::bit(64)::text))
$$;

-- The keys of each IKM in ids, from its child rows.
CREATE FUNCTION match_keys_of(ids uuid[]) RETURNS TABLE (id uuid, keys text[]) LANGUAGE sql STABLE AS $$
  SELECT i, (SELECT coalesce(array_agg(DISTINCT t ORDER BY t), '{}') FROM (
    SELECT 'k:' || left(btrim(k.code), n) AS t FROM "EnterpriseKbli" k CROSS JOIN generate_series(2, 5) n WHERE k."enterpriseId" = i
    UNION ALL
    SELECT 'c:' || p.category FROM "EnterpriseProduct" p WHERE p."enterpriseId" = i
    UNION ALL
    SELECT 'v:' || p.category || ':' || match_keys_band(sum(greatest(p."monthlyCapacity", 0))) FROM "EnterpriseProduct" p
    WHERE p."enterpriseId" = i GROUP BY p.category HAVING sum(greatest(p."monthlyCapacity", 0)) > 0
    UNION ALL
    SELECT 'q:' || c.kind FROM "Certification" c WHERE c."enterpriseId" = i
  ) keys)
  FROM (SELECT DISTINCT unnest(ids) AS i) changed
$$;

CREATE OR REPLACE FUNCTION match_keys_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  -- Only IKM whose keys changed are written: a product renamed updates no Enterprise row.
  UPDATE "Enterprise" e SET "matchKeys" = m.keys
  FROM match_keys_of(ids) m
  WHERE e.id = m.id AND NOT (coalesce(e."matchKeys", '{}') @> m.keys AND m.keys @> coalesce(e."matchKeys", '{}'))
$$;

-- Every write of a KBLI code, product or certificate recomputes the keys of the IKM it touched,
-- before and after (an update can move a row): an inserted product changes its category's capacity
-- band, so inserts no longer only add keys. One function for the three tables' triggers.
CREATE FUNCTION match_keys_recompute() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM match_keys_refresh(ARRAY(SELECT "enterpriseId" FROM new_rows)); END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM match_keys_refresh(ARRAY(SELECT "enterpriseId" FROM old_rows)); END IF;
  RETURN NULL;
END $$;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['EnterpriseKbli', 'EnterpriseProduct', 'Certification'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS "match_keys_insert" ON %I', t);
    EXECUTE format('DROP TRIGGER IF EXISTS "match_keys_update" ON %I', t);
    EXECUTE format('DROP TRIGGER IF EXISTS "match_keys_delete" ON %I', t);
    EXECUTE format('CREATE TRIGGER "match_keys_insert" AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_keys_recompute()', t);
    EXECUTE format('CREATE TRIGGER "match_keys_update" AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_keys_recompute()', t);
    EXECUTE format('CREATE TRIGGER "match_keys_delete" AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION match_keys_recompute()', t);
  END LOOP;
END $$;
DROP FUNCTION match_keys_changed();

-- The rows already there, with the keys' index dropped and built again once. The search text,
-- sector, sentra and kecamatan stay as they are: their triggers would compare a million old rows
-- with a million new ones.
DROP INDEX "Enterprise_matchKeys_district_idx";
ALTER TABLE "Enterprise" DISABLE TRIGGER "search_terms_update";
ALTER TABLE "Enterprise" DISABLE TRIGGER "forum_funnel_update";
UPDATE "Enterprise" e SET "matchKeys" = m.keys
FROM match_keys_of(ARRAY(SELECT id FROM "Enterprise")) m
WHERE e.id = m.id AND e."matchKeys" IS DISTINCT FROM m.keys;
ALTER TABLE "Enterprise" ENABLE TRIGGER "forum_funnel_update";
ALTER TABLE "Enterprise" ENABLE TRIGGER "search_terms_update";
CREATE INDEX "Enterprise_matchKeys_district_idx" ON "Enterprise" USING GIN (("matchKeys" || ARRAY['d:' || "districtId"::text]));
