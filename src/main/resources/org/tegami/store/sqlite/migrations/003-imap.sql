-- IMAP (issue 3): what the IMAP server needs beyond the foundation schema.

-- Offset of the internal date from UTC in minutes: APPEND keeps the date-time it was given, and
-- BEFORE/ON/SINCE compare the date in that zone (RFC 9051 §6.4.4).
ALTER TABLE messages ADD COLUMN internal_tz INTEGER NOT NULL DEFAULT 0;

-- Changes since a mod-sequence in one index range scan (CONDSTORE/QRESYNC, RFC 7162; and every
-- session's incremental view update).
CREATE INDEX messages_modseq ON messages(mailbox_id, modseq);
CREATE INDEX expunged_modseq ON expunged(mailbox_id, modseq);

-- \Recent (RFC 3501 §2.3.2): messages from this UID on were not yet announced to any session.
ALTER TABLE mailboxes ADD COLUMN first_recent_uid INTEGER NOT NULL DEFAULT 1;
UPDATE mailboxes SET first_recent_uid = uidnext;

-- Subscriptions are names, not mailboxes: a subscription outlives a deleted mailbox and may name
-- one that does not exist (RFC 9051 §6.3.7). New mailboxes created with subscribed = 1 (the
-- defaults of a new account) are subscribed by the trigger.
CREATE TABLE subscriptions (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    PRIMARY KEY (account_id, name)
) WITHOUT ROWID;
INSERT INTO subscriptions (account_id, name) SELECT account_id, name FROM mailboxes WHERE subscribed = 1;
CREATE TRIGGER mailboxes_subscribe AFTER INSERT ON mailboxes WHEN NEW.subscribed = 1
BEGIN
    INSERT OR IGNORE INTO subscriptions (account_id, name) VALUES (NEW.account_id, NEW.name);
END;

-- Decoded text of each content for SEARCH (store.ContentIndex): lower-case header lines and body
-- text, computed at delivery. content_fts indexes it with trigrams, so "column LIKE '%needle%'" for
-- a needle of three characters or more is an index lookup (IMAP SEARCH is substring matching);
-- detail=column keeps which rows and columns hold a trigram, without positions (40% of the size
-- and half the insert cost of full detail): a header search only looks at rows whose header text
-- has the trigrams, and SQLite checks the candidates against the text.
-- Body text is indexed up to 16K characters (ContentIndex.INDEXED_BODY_CHARS); truncated = 1 marks
-- the rare longer texts, which a search also reads from the message itself.
CREATE TABLE content_text (
    content_id INTEGER PRIMARY KEY REFERENCES contents(id) ON DELETE CASCADE,
    headers TEXT NOT NULL,
    body TEXT NOT NULL,
    truncated INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX content_text_truncated ON content_text(content_id) WHERE truncated = 1;
CREATE VIRTUAL TABLE content_fts USING fts5(headers, body, content='content_text', content_rowid='content_id',
    tokenize='trigram', detail=column);
CREATE TRIGGER content_text_ai AFTER INSERT ON content_text
BEGIN
    INSERT INTO content_fts (rowid, headers, body) VALUES (NEW.content_id, NEW.headers, NEW.body);
END;
CREATE TRIGGER content_text_ad AFTER DELETE ON content_text
BEGIN
    INSERT INTO content_fts (content_fts, rowid, headers, body) VALUES ('delete', OLD.content_id, OLD.headers, OLD.body);
END;

-- Sort and thread keys of each content (RFC 5256, RFC 5957), computed at delivery.
CREATE TABLE content_keys (
    content_id INTEGER PRIMARY KEY REFERENCES contents(id) ON DELETE CASCADE,
    sent_date INTEGER,
    sent_tz INTEGER NOT NULL DEFAULT 0,
    subject TEXT NOT NULL,
    from_addr TEXT NOT NULL,
    to_addr TEXT NOT NULL,
    cc_addr TEXT NOT NULL,
    display_from TEXT NOT NULL,
    display_to TEXT NOT NULL,
    message_id TEXT,
    refs TEXT NOT NULL,
    subject_reply INTEGER NOT NULL DEFAULT 0
);
