-- The links between the rows a bulk import creates are checked once per statement instead of once per row.
--
-- A foreign key is a trigger that runs one lookup, with a key-share lock on the parent, for every inserted row:
-- about 4 us per row and key, four keys per row of a programme import, so some 16 s of a 1,000,000-row commit.
-- The triggers below keep the same guarantee with one anti-join over the statement's rows (a transition table):
--  * a child row must name a parent that exists, on INSERT (per statement) and on UPDATE of the column (per row: only
--    accepting an invitation does that); SQLSTATE 23503, as a foreign key raises, so the application sees the same
--    DataIntegrityViolationException;
--  * a parent that is referenced cannot be deleted, and a parent's id never changes.
-- The key-share lock a foreign key takes is what stops a parent from being deleted while a child naming it is being
-- inserted. Here the delete check locks the child table in SHARE mode before it looks: it waits for inserts in
-- flight to commit and then sees them, and inserts that come later wait for the delete and then find no parent.
-- Seatflow never deletes accounts or invitations, so that lock costs nothing in practice. H2 keeps its foreign keys.

CREATE FUNCTION seatflow_check_parents() RETURNS trigger LANGUAGE plpgsql AS $$
-- TG_ARGV: child column, parent table. Every non-null value of the column in the statement's rows must be a parent id.
DECLARE
    missing TEXT;
BEGIN
    EXECUTE format('SELECT c.%1$I::text FROM changed c WHERE c.%1$I IS NOT NULL'
                   ' AND NOT EXISTS (SELECT 1 FROM %2$I p WHERE p.id = c.%1$I) LIMIT 1', TG_ARGV[0], TG_ARGV[1])
        INTO missing;
    IF missing IS NOT NULL THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('insert or update on table "%s" violates the link to "%s"', TG_TABLE_NAME, TG_ARGV[1]),
            DETAIL = format('Key (%s)=(%s) is not present in table "%s".', TG_ARGV[0], missing, TG_ARGV[1]);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION seatflow_check_parent() RETURNS trigger LANGUAGE plpgsql AS $$
-- TG_ARGV: child column, parent table. The row-level twin of seatflow_check_parents, for updates of the column.
DECLARE
    found BOOLEAN;
BEGIN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I p WHERE p.id = ($1).%I)', TG_ARGV[1], TG_ARGV[0])
        INTO found USING NEW;
    IF NOT found THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('insert or update on table "%s" violates the link to "%s"', TG_TABLE_NAME, TG_ARGV[1]);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION seatflow_refuse_referenced_delete() RETURNS trigger LANGUAGE plpgsql AS $$
-- TG_ARGV: child table, child column. Refuses to delete a parent some child row still names.
DECLARE
    referenced TEXT;
BEGIN
    EXECUTE format('LOCK TABLE %I IN SHARE MODE', TG_ARGV[0]);
    EXECUTE format('SELECT d.id::text FROM deleted d WHERE EXISTS (SELECT 1 FROM %1$I c WHERE c.%2$I = d.id) LIMIT 1',
                   TG_ARGV[0], TG_ARGV[1])
        INTO referenced;
    IF referenced IS NOT NULL THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('update or delete on table "%s" violates the link from "%s"', TG_TABLE_NAME, TG_ARGV[0]),
            DETAIL = format('Key (id)=(%s) is still referenced from table "%s".', referenced, TG_ARGV[0]);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION seatflow_refuse_id_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE foreign_key_violation USING MESSAGE = format('the id of a row of "%s" never changes', TG_TABLE_NAME);
END $$;

-- The four links, each as (child table, column, parent table): the foreign key goes, its three checks come in.
-- Transition tables cannot be combined with a column list, so updates are checked per row, and only when they change
-- the column (accepting an invitation links its account; nothing else moves these columns).
DO $$
DECLARE
    link RECORD;
BEGIN
    FOR link IN SELECT * FROM (VALUES ('invitation_seat', 'invitation_id', 'invitation'),
                                      ('outbox_mail', 'invitation_id', 'invitation'),
                                      ('learner_identity', 'user_id', 'user_account'),
                                      ('invitation', 'user_id', 'user_account')) AS l (child, col, parent)
    LOOP
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT IF EXISTS %I', link.child, link.child || '_' || link.col || '_fkey');
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed FOR EACH STATEMENT'
                       ' EXECUTE FUNCTION seatflow_check_parents(%L, %L)',
                       link.child || '_' || link.col || '_added', link.child, link.col, link.parent);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE OF %I ON %I FOR EACH ROW'
                       ' WHEN (NEW.%I IS DISTINCT FROM OLD.%I AND NEW.%I IS NOT NULL)'
                       ' EXECUTE FUNCTION seatflow_check_parent(%L, %L)',
                       link.child || '_' || link.col || '_changed', link.col, link.child, link.col, link.col, link.col,
                       link.col, link.parent);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT'
                       ' EXECUTE FUNCTION seatflow_refuse_referenced_delete(%L, %L)',
                       link.parent || '_deleted_with_' || link.child, link.parent, link.child, link.col);
    END LOOP;
END $$;

CREATE TRIGGER invitation_id_fixed BEFORE UPDATE OF id ON invitation
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION seatflow_refuse_id_change();
CREATE TRIGGER user_account_id_fixed BEFORE UPDATE OF id ON user_account
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION seatflow_refuse_id_change();

-- Bulk invitations get their link when the mail is sent, and share links are made on request: until then both hashes
-- are null, and a unique index that leaves nulls out takes no entry for them.
DROP INDEX IF EXISTS invitation_share_token;
CREATE UNIQUE INDEX invitation_share_token ON invitation (share_token_hash) WHERE share_token_hash IS NOT NULL;
ALTER TABLE invitation DROP CONSTRAINT IF EXISTS invitation_token_hash_key;
CREATE UNIQUE INDEX invitation_token_hash ON invitation (token_hash) WHERE token_hash IS NOT NULL;
