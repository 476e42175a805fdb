-- Customised: a ranking's end (matching/bottom.ts) reads its IKM lowest floor first. The floor
-- (matching/floor.ts) reads, besides the founding date and the kecamatan, only the sector, the size
-- class, the bookkeeping and the "k:" and "c:" match keys: a few thousand combinations at a million
-- IKM. Each IKM's combination is a generated column, and "MatchClass" holds each combination once
-- with its ACTIVE IKM, so a ranking computes the floor of every class, then reads the IKM of the
-- lowest classes through an index, instead of computing the floor of every IKM.

-- The match keys a class keeps, sorted: KBLI prefixes and product categories.
CREATE FUNCTION match_class_keys(keys text[]) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(k ORDER BY k), '{}') FROM unnest(keys) AS k WHERE k LIKE 'k:%' OR k LIKE 'c:%'
$$;

-- A class's id, from the keys as they are stored (sorted by the triggers and the synthetic seed): a
-- text edit rather than match_class_keys's subquery, which made the column cost 9 s a million IKM
-- (2 s so). No key holds a comma (KBLI codes are digits, categories slugs: enterprise/validate.ts),
-- so the certificate and capacity keys are the text's parts that begin with "q:" or "v:".
CREATE FUNCTION match_class_of(sector "Sector", size "SizeClass", books "BookkeepingPractice", keys text[]) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT md5(sector::text || '|' || coalesce(size::text, '') || '|' || books::text || '|'
    || regexp_replace(',' || array_to_string(coalesce(keys, '{}'), ','), ',[vq]:[^,]*', '', 'g'))::uuid
$$;

-- AlterTable
-- Customised: computed by the database from the columns it is derived from, never written (a
-- generated column cannot read another, so the size class is derived again from the figures).
ALTER TABLE "Enterprise" ADD COLUMN     "matchClass" UUID GENERATED ALWAYS AS (match_class_of(sector, size_class_of("annualTurnover", "businessCapital"), bookkeeping, "matchKeys")) STORED;

-- CreateTable
CREATE TABLE "MatchClass" (
    "id" UUID NOT NULL,
    "sector" "Sector" NOT NULL,
    "sizeClass" "SizeClass",
    "bookkeeping" "BookkeepingPractice" NOT NULL,
    "matchKeys" TEXT[],
    "enterprises" INTEGER NOT NULL,

    CONSTRAINT "MatchClass_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Enterprise_matchClass_foundedOn_idx" ON "Enterprise"("matchClass", "foundedOn");

-- Customised: a trigger keeps the classes in the transaction of every write, whoever writes. The
-- ACTIVE IKM added to and taken from each class; a class is kept at 0 (a class is a combination
-- of a few enums and keys: they are few, and a ranking skips the empty ones).
CREATE FUNCTION match_classes_counted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved bigint;
BEGIN
  -- Most updates change neither the class nor the status. Counted and EXECUTEd, as the sentra
  -- figures' tests are (migration trigger_change_counts): planned for this statement's rows.
  IF TG_OP = 'UPDATE' THEN
    EXECUTE $c$SELECT count(*) FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o."matchClass", o.status) IS DISTINCT FROM (n."matchClass", n.status)$c$ INTO moved;
    IF moved = 0 THEN
      RETURN NULL;
    END IF;
  END IF;
  -- In the order of the classes' ids, so that two writers lock the rows they share in one order.
  EXECUTE format($q$
    INSERT INTO "MatchClass" AS t (id, sector, "sizeClass", bookkeeping, "matchKeys", enterprises)
    SELECT r."matchClass", min(r.sector), min(r."sizeClass"), min(r.bookkeeping), match_class_keys(min(r."matchKeys")), SUM(r.sign)
    FROM (%s) r WHERE r.status = 'ACTIVE'
    GROUP BY r."matchClass" ORDER BY r."matchClass"
    ON CONFLICT (id) DO UPDATE SET enterprises = t.enterprises + excluded.enterprises
  $q$, changed_rows(TG_OP));
  RETURN NULL;
END $$;

CREATE TRIGGER "match_classes_insert" AFTER INSERT ON "Enterprise" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_classes_counted();
CREATE TRIGGER "match_classes_update" AFTER UPDATE ON "Enterprise" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_classes_counted();
CREATE TRIGGER "match_classes_delete" AFTER DELETE ON "Enterprise" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION match_classes_counted();

-- The whole table from the IKM, for the rows already there and after a bulk load that left the
-- insert trigger off (seed/synthetic.ts: a batch's upsert of thousands of classes, 200 times at a
-- million IKM, left the table 200 times its size until a vacuum).
CREATE FUNCTION match_classes_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM "MatchClass";
  INSERT INTO "MatchClass" (id, sector, "sizeClass", bookkeeping, "matchKeys", enterprises)
  SELECT "matchClass", min(sector), min("sizeClass"), min(bookkeeping), match_class_keys(min("matchKeys")), count(*) FILTER (WHERE status = 'ACTIVE')
  FROM "Enterprise" GROUP BY "matchClass";
$$;

SELECT match_classes_rebuild();
