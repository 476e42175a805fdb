-- AlterTable
ALTER TABLE "Enterprise" ADD COLUMN     "matchKeys" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Customised: an IKM's match keys are "k:" and each prefix of 2 to 5 digits of its KBLI codes, and
-- "c:" and each of its product categories, each once. Statement-level triggers on the
-- child tables keep them in the transaction of every write, whoever writes. An insert only adds
-- keys, so it reads nothing but the new rows (a bulk load that wrote the keys itself updates no
-- Enterprise row); an update or a delete recomputes the keys of the IKM it touched.
CREATE FUNCTION match_keys_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  -- Only IKM whose keys changed are written: a product renamed or resized updates no Enterprise row.
  UPDATE "Enterprise" e SET "matchKeys" = m.keys
  FROM (
    SELECT i AS id, (SELECT coalesce(array_agg(DISTINCT t ORDER BY t), '{}') FROM (
      SELECT 'k:' || left(btrim(k.code), n) AS t FROM "EnterpriseKbli" k CROSS JOIN generate_series(2, 5) n WHERE k."enterpriseId" = i
      UNION ALL
      SELECT 'c:' || p.category FROM "EnterpriseProduct" p WHERE p."enterpriseId" = i
    ) keys) AS keys
    FROM (SELECT DISTINCT unnest(ids) AS i) changed
  ) m
  WHERE e.id = m.id AND NOT (coalesce(e."matchKeys", '{}') @> m.keys AND m.keys @> coalesce(e."matchKeys", '{}'))
$$;

CREATE FUNCTION match_keys_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND TG_TABLE_NAME = 'EnterpriseKbli' THEN
    UPDATE "Enterprise" e SET "matchKeys" = ARRAY(SELECT DISTINCT t FROM unnest(coalesce(e."matchKeys", '{}') || n.keys) t ORDER BY t)
    FROM (SELECT r."enterpriseId", array_agg('k:' || left(btrim(r.code), g)) AS keys FROM new_rows r CROSS JOIN generate_series(2, 5) g GROUP BY 1) n
    WHERE e.id = n."enterpriseId" AND NOT coalesce(e."matchKeys", '{}') @> n.keys;
  ELSIF TG_OP = 'INSERT' THEN
    UPDATE "Enterprise" e SET "matchKeys" = ARRAY(SELECT DISTINCT t FROM unnest(coalesce(e."matchKeys", '{}') || n.keys) t ORDER BY t)
    FROM (SELECT r."enterpriseId", array_agg('c:' || r.category) AS keys FROM new_rows r GROUP BY 1) n
    WHERE e.id = n."enterpriseId" AND NOT coalesce(e."matchKeys", '{}') @> n.keys;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM match_keys_refresh(ARRAY(SELECT "enterpriseId" FROM old_rows UNION SELECT "enterpriseId" FROM new_rows));
  ELSE
    PERFORM match_keys_refresh(ARRAY(SELECT "enterpriseId" FROM old_rows));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "match_keys_insert" AFTER INSERT ON "EnterpriseKbli" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_keys_changed();
CREATE TRIGGER "match_keys_update" AFTER UPDATE ON "EnterpriseKbli" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_keys_changed();
CREATE TRIGGER "match_keys_delete" AFTER DELETE ON "EnterpriseKbli" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION match_keys_changed();
CREATE TRIGGER "match_keys_insert" AFTER INSERT ON "EnterpriseProduct" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_keys_changed();
CREATE TRIGGER "match_keys_update" AFTER UPDATE ON "EnterpriseProduct" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_keys_changed();
CREATE TRIGGER "match_keys_delete" AFTER DELETE ON "EnterpriseProduct" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION match_keys_changed();

-- The rows already there, before the index, which is then built once. Their search text stays as it
-- is: its trigger would compare a million old rows with a million new ones.
ALTER TABLE "Enterprise" DISABLE TRIGGER "search_terms_update";
UPDATE "Enterprise" e SET "matchKeys" = m.keys
FROM (
  SELECT id, array_agg(DISTINCT t ORDER BY t) AS keys FROM (
    SELECT k."enterpriseId" AS id, 'k:' || left(btrim(k.code), n) AS t FROM "EnterpriseKbli" k CROSS JOIN generate_series(2, 5) n
    UNION ALL
    SELECT p."enterpriseId", 'c:' || p.category FROM "EnterpriseProduct" p
  ) keys GROUP BY id
) m
WHERE e.id = m.id;
ALTER TABLE "Enterprise" ENABLE TRIGGER "search_terms_update";

-- Customised: the keys' GIN index holds the kecamatan's key too ("d:" and its District id), so that
-- one index scan intersects a kecamatan with KBLI prefixes and product categories, skipping through
-- their long posting lists from the kecamatan's short one. Prisma cannot express it and leaves it be.
CREATE INDEX "Enterprise_matchKeys_district_idx" ON "Enterprise" USING GIN (("matchKeys" || ARRAY['d:' || "districtId"::text]));
