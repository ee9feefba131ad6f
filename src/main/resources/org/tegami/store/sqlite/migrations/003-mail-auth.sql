-- DKIM signing keys (docs/adr/0006-dkim-key-storage.md): the private key sealed with the server's
-- sealing key (DATA/seal.key, AES-256-GCM, context "dkim DOMAIN SELECTOR"), the public key
-- record to publish. state: 'active' (signs; the newest per domain and algorithm), 'standby'
-- (published, not yet signing), 'retired' (superseded; stays published until removed).
CREATE TABLE dkim_keys (
    id INTEGER PRIMARY KEY,
    domain TEXT NOT NULL,
    selector TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    private_sealed BLOB NOT NULL,
    public_txt TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    retired_at INTEGER,
    UNIQUE (domain, selector)
);

-- One row per DMARC evaluation of a received message whose policy asks for aggregate reports
-- (rua=), until the daily report about it is sent (RFC 7489 §7.2).
CREATE TABLE dmarc_evaluations (
    id INTEGER PRIMARY KEY,
    evaluated_at INTEGER NOT NULL,
    policy_domain TEXT NOT NULL,
    rua TEXT NOT NULL,
    policy TEXT NOT NULL,
    source_ip TEXT NOT NULL,
    header_from TEXT,
    envelope_from TEXT,
    disposition TEXT NOT NULL,
    dkim TEXT NOT NULL,
    spf TEXT NOT NULL,
    reasons TEXT NOT NULL,
    auth_results TEXT NOT NULL
);
CREATE INDEX dmarc_evaluations_domain ON dmarc_evaluations(policy_domain, evaluated_at);

-- Aggregate reports other receivers sent to our report address, as received (gzip'd XML).
CREATE TABLE dmarc_reports_received (
    id INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,
    org_name TEXT NOT NULL,
    email TEXT,
    report_id TEXT NOT NULL,
    policy_domain TEXT NOT NULL,
    begin_at INTEGER NOT NULL,
    end_at INTEGER NOT NULL,
    authenticated INTEGER NOT NULL,
    xml_gz BLOB NOT NULL,
    UNIQUE (org_name, report_id)
);
CREATE INDEX dmarc_reports_received_domain ON dmarc_reports_received(policy_domain, end_at);
