-- Threat defence (docs/threat.md): messages held in quarantine, and who our users correspond with.

-- A held message: kept out of every mailbox until an administrator releases or deletes it; or the
-- original of a message whose HTML was neutralised on delivery (kind 'original'). It owns its
-- content like a mailbox message or a queue entry does. recipients: the account addresses it was
-- for, one per line. verdict: the X-Tegami-Verdict value; details: the verdict as JSON.
CREATE TABLE quarantine (
    id INTEGER PRIMARY KEY,
    content_id INTEGER NOT NULL REFERENCES contents(id),
    kind TEXT NOT NULL,
    sender TEXT NOT NULL,
    recipients TEXT NOT NULL,
    from_header TEXT NOT NULL,
    subject TEXT NOT NULL,
    verdict TEXT NOT NULL,
    details TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX quarantine_content ON quarantine(content_id);

-- Correspondents per account: messages received from an address (accepted inbound mail) and sent
-- to it (submitted mail). domain is the address's organizational domain, so "anyone at that
-- organization" is one index range.
CREATE TABLE correspondents (
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    address TEXT NOT NULL,
    domain TEXT NOT NULL,
    received INTEGER NOT NULL DEFAULT 0,
    sent INTEGER NOT NULL DEFAULT 0,
    last_seen INTEGER NOT NULL,
    PRIMARY KEY (account_id, address)
) WITHOUT ROWID;
CREATE INDEX correspondents_address ON correspondents(address);
CREATE INDEX correspondents_domain ON correspondents(domain);

-- Quarantined messages own their contents too.
DROP VIEW unreferenced_contents;
CREATE VIEW unreferenced_contents AS
    SELECT id FROM contents c
    WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.content_id = c.id)
      AND NOT EXISTS (SELECT 1 FROM queue_messages q WHERE q.content_id = c.id)
      AND NOT EXISTS (SELECT 1 FROM quarantine t WHERE t.content_id = c.id);
