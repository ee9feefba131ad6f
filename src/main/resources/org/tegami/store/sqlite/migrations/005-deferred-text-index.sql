-- The trigram index is built after delivery, not inside it (ADR 0007): indexing a 5 KB message
-- costs ~0.45 ms of the single writer's time, about a third of the server's CPU per message, and
-- made a burst of mail wait for the index. content_text is still written in the delivery's
-- transaction; its rows wait in text_index_pending until the store's indexer adds them to
-- content_fts in batches, when deliveries pause (or the backlog grows large). Searches read the
-- index and, for the pending rows, the text itself, so they see every delivered message.
CREATE TABLE text_index_pending (
    content_id INTEGER PRIMARY KEY
);
DROP TRIGGER content_text_ai;
DROP TRIGGER content_text_ad;
CREATE TRIGGER content_text_ai AFTER INSERT ON content_text
BEGIN
    INSERT OR IGNORE INTO text_index_pending (content_id) VALUES (NEW.content_id);
END;
-- An FTS5 'delete' must name a row the index holds; a pending row only leaves the queue.
CREATE TRIGGER content_text_ad AFTER DELETE ON content_text
BEGIN
    INSERT INTO content_fts (content_fts, rowid, headers, body)
        SELECT 'delete', OLD.content_id, OLD.headers, OLD.body
        WHERE NOT EXISTS (SELECT 1 FROM text_index_pending WHERE content_id = OLD.content_id);
    DELETE FROM text_index_pending WHERE content_id = OLD.content_id;
END;
