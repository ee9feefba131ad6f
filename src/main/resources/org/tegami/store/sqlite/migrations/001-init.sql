-- Domains we receive mail for; name is the lower-case A-label form.
CREATE TABLE domains (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

-- Accounts: credentials are an Argon2id PHC hash and SCRAM-SHA-256 keys, never the password.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    address TEXT NOT NULL UNIQUE,
    domain_id INTEGER NOT NULL REFERENCES domains(id),
    display_name TEXT,
    password_hash TEXT NOT NULL,
    scram_sha256 TEXT NOT NULL,
    cram_md5 TEXT,
    allow_any_sender INTEGER NOT NULL DEFAULT 0,
    quota_bytes INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX accounts_domain ON accounts(domain_id);

-- source is "local@domain" or "@domain" (catch-all); target is any address.
CREATE TABLE aliases (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (source, target)
);

CREATE TABLE mailboxes (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    special_use TEXT,
    subscribed INTEGER NOT NULL DEFAULT 1,
    uidvalidity INTEGER NOT NULL,
    uidnext INTEGER NOT NULL DEFAULT 1,
    highestmodseq INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    UNIQUE (account_id, name)
);

-- One row per distinct message content (blob), shared by every mailbox copy of it. structure is
-- the parsed MIME structure and envelope (mime.StructureCodec), computed once at delivery. data
-- holds the bytes of small messages (inline blobs); NULL means a file under blobs/.
CREATE TABLE contents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    structure BLOB NOT NULL,
    data BLOB,
    created_at INTEGER NOT NULL
);

-- Messages in mailboxes, clustered by (mailbox, uid) so a mailbox is one range scan.
CREATE TABLE messages (
    mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
    uid INTEGER NOT NULL,
    content_id INTEGER NOT NULL REFERENCES contents(id),
    modseq INTEGER NOT NULL,
    flags INTEGER NOT NULL DEFAULT 0,
    keywords TEXT NOT NULL DEFAULT '',
    internal_date INTEGER NOT NULL,
    size INTEGER NOT NULL,
    PRIMARY KEY (mailbox_id, uid)
) WITHOUT ROWID;
CREATE INDEX messages_content ON messages(content_id);

-- Expunged UIDs with the MODSEQ of their removal, for QRESYNC VANISHED (RFC 7162 §3.2.10).
CREATE TABLE expunged (
    mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
    uid INTEGER NOT NULL,
    modseq INTEGER NOT NULL,
    PRIMARY KEY (mailbox_id, uid)
) WITHOUT ROWID;

-- Contents that nothing references any more: garbage. Later migrations that add other owners of
-- contents (the outbound queue) recreate this view with their own NOT EXISTS clause.
CREATE VIEW unreferenced_contents AS
    SELECT id FROM contents c
    WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.content_id = c.id);
