-- Customised: a post's stored place (posterRegencyId, posterSentraId) was read from its poster as
-- the inserting statement's snapshot showed it. A post written while another transaction moved its
-- IKM (or partner) kept the old place: the move's trigger did not see the post, and the post's did
-- not see the move. The poster's row is now locked (shared) first and read after the lock: a move
-- committed meanwhile is read; one under way is waited for, or waits for the post and then moves it.
-- Not a poster this transaction wrote (xmin): no other can move it before this one commits, and a
-- lock on each of a bulk load's rows cost seconds (the synthetic province's 81,676 posts, 25-50 s).
CREATE OR REPLACE FUNCTION opportunity_poster_place() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."enterpriseId" IS NOT NULL THEN
    PERFORM FROM "Enterprise" WHERE id = NEW."enterpriseId" AND xmin <> pg_current_xact_id()::xid FOR SHARE;
    SELECT d."regencyId", e."sentraId" INTO NEW."posterRegencyId", NEW."posterSentraId"
      FROM "Enterprise" e JOIN "District" d ON d.id = e."districtId" WHERE e.id = NEW."enterpriseId";
  ELSE
    PERFORM FROM "Partner" WHERE id = NEW."partnerId" AND xmin <> pg_current_xact_id()::xid FOR SHARE;
    NEW."posterSentraId" := NULL;
    NEW."posterRegencyId" := (SELECT d."regencyId" FROM "Partner" p JOIN "District" d ON d.id = p."districtId" WHERE p.id = NEW."partnerId");
  END IF;
  RETURN NEW;
END $$;
