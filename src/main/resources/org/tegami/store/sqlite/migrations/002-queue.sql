-- The outbound queue (DESIGN.md: only mail for remote domains, and DSNs, are queued). The
-- message bytes are a row in contents (so one blob GC covers both), referenced until the last
-- recipient is delivered or failed; then the message row goes and the content becomes garbage.
CREATE TABLE queue_messages (
    id INTEGER PRIMARY KEY,
    content_id INTEGER NOT NULL REFERENCES contents(id),
    sender TEXT NOT NULL,
    envid TEXT,
    ret TEXT,
    smtputf8 INTEGER NOT NULL DEFAULT 0,
    eightbit INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX queue_messages_content ON queue_messages(content_id);

-- One row per recipient: status 'queued' | 'delivered' | 'failed'.
CREATE TABLE queue_recipients (
    id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES queue_messages(id) ON DELETE CASCADE,
    address TEXT NOT NULL,
    domain TEXT NOT NULL,
    orcpt TEXT,
    notify TEXT,
    status TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt INTEGER NOT NULL,
    last_attempt INTEGER NOT NULL DEFAULT 0,
    last_reply TEXT,
    warned INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX queue_recipients_due ON queue_recipients(status, next_attempt);
CREATE INDEX queue_recipients_message ON queue_recipients(message_id);

-- Queued messages own their contents too: they are not garbage while queued.
DROP VIEW unreferenced_contents;
CREATE VIEW unreferenced_contents AS
    SELECT id FROM contents c
    WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.content_id = c.id)
      AND NOT EXISTS (SELECT 1 FROM queue_messages q WHERE q.content_id = c.id);
