-- AlterTable
ALTER TABLE "EnterpriseSearchTerm" ADD COLUMN     "kbliDivisions" INTEGER NOT NULL DEFAULT 0;

-- Customised: the KBLI golongan pokok (2-digit divisions) an IKM is registered under, as bits:
-- bit d - 10 for kategori C's divisions 10-33 (KBLI 2020 and 2025; domain/kbli.ts kbliDivisionBit,
-- which search-terms.test.ts checks against this), bit 24 for any other division. Read
-- from its "k:" match keys of 2 digits (migration match_keys), which triggers keep.
CREATE FUNCTION kbli_divisions(keys text[]) RETURNS integer LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  bits integer := 0;
  k text;
  d integer;
BEGIN
  -- A loop, not an aggregate over unnest: a third of the time (1.5 s a million IKM against 4.4).
  FOREACH k IN ARRAY coalesce(keys, '{}') LOOP
    IF k LIKE 'k:__' AND substr(k, 3) ~ '^[0-9]{2}$' THEN
      d := substr(k, 3)::integer;
      bits := bits | CASE WHEN d BETWEEN 10 AND 33 THEN 1 << (d - 10) ELSE 1 << 24 END;
    END IF;
  END LOOP;
  RETURN bits;
END $$;

-- Each term carries its IKM's divisions in the primary key's last column (a term's row is one by
-- the first three; Prisma writes no INCLUDE), so a word with a KBLI prefix reads the word's IKM in
-- that division from the index alone: "batik" (77,000 IKM at a million) with prefix "10", which no
-- batik IKM has, proves empty without a look-up per IKM in EnterpriseKbli.
ALTER TABLE "EnterpriseSearchTerm" DROP CONSTRAINT "EnterpriseSearchTerm_pkey",
ADD CONSTRAINT "EnterpriseSearchTerm_pkey" PRIMARY KEY ("term", "name", "enterpriseId", "kbliDivisions");

-- Customised: the columns kept beside each term are pairs of arguments after the first two: the
-- terms' column and an expression on the owner's row (%1$s names it), rewritten when its value
-- changes, as when the text does: the enterprise's name and its KBLI divisions (its match keys
-- change when a KBLI code is added or removed, after the row's own insert). Each expression is
-- computed once per row, before its words are unnested (OFFSET 0 keeps the planner from computing
-- it for each word: thirteen times at a million IKM, 45 s of a load).
CREATE OR REPLACE FUNCTION search_terms_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  terms text := quote_ident(TG_ARGV[0]);
  owner text := quote_ident(TG_ARGV[1]);
  columns text := '"term", ' || owner;
  selected text := 'w.lexeme, n.id';
  kept text := 'n.id, n."searchText"';
  words text := 'CROSS JOIN LATERAL unnest(to_tsvector(''simple''::regconfig, n."searchText")) w';
  changed text := 'o."searchText" IS DISTINCT FROM n."searchText"';
  any_changed boolean;
BEGIN
  FOR i IN 1 .. (TG_NARGS - 2) / 2 LOOP
    columns := columns || ', ' || quote_ident(TG_ARGV[2 * i]);
    selected := selected || ', n.k' || i;
    kept := kept || ', ' || format(TG_ARGV[2 * i + 1], 'n') || ' AS k' || i;
    changed := changed || format(' OR %s IS DISTINCT FROM %s', format(TG_ARGV[2 * i + 1], 'o'), format(TG_ARGV[2 * i + 1], 'n'));
  END LOOP;
  IF TG_OP = 'UPDATE' THEN
    -- Most updates (a status, a figure) leave the text alone: one query, then nothing. Counted, not
    -- EXISTS, which is planned to stop at its first match: a nested loop over both tables, run to
    -- the end when nothing changed.
    EXECUTE format('SELECT count(*) > 0 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE %s', changed) INTO any_changed;
    IF NOT any_changed THEN
      RETURN NULL;
    END IF;
    EXECUTE format('DELETE FROM %s t USING old_rows o JOIN new_rows n ON n.id = o.id WHERE t.%s = n.id AND (%s)', terms, owner, changed);
    EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM (SELECT %s FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE %s OFFSET 0) n %s', terms, columns, selected, kept, changed, words);
  ELSE
    EXECUTE format('INSERT INTO %s (%s) SELECT %s FROM (SELECT %s FROM new_rows n OFFSET 0) n %s', terms, columns, selected, kept, words);
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER "search_terms_insert" ON "Enterprise";
DROP TRIGGER "search_terms_update" ON "Enterprise";
CREATE TRIGGER "search_terms_insert" AFTER INSERT ON "Enterprise" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION search_terms_changed('EnterpriseSearchTerm', 'enterpriseId', 'name', '%1$s.name', 'kbliDivisions', 'kbli_divisions(%1$s."matchKeys")');
CREATE TRIGGER "search_terms_update" AFTER UPDATE ON "Enterprise" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION search_terms_changed('EnterpriseSearchTerm', 'enterpriseId', 'name', '%1$s.name', 'kbliDivisions', 'kbli_divisions(%1$s."matchKeys")');

-- The terms already there.
UPDATE "EnterpriseSearchTerm" t SET "kbliDivisions" = kbli_divisions(e."matchKeys") FROM "Enterprise" e WHERE e.id = t."enterpriseId" AND kbli_divisions(e."matchKeys") <> 0;
