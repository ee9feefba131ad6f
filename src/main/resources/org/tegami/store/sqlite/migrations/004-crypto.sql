-- Mail crypto (issue 7): certificates and OpenPGP keys per address, trust anchors, gateway
-- settings. The store knows bytes, fingerprints, addresses and kinds, never what they mean.
-- Private keys are only ever stored sealed (AES-256-GCM under a server key kept in a file
-- outside this database, cryptomail.SealedKeys).

-- kind: 'smime' (public_data = PEM certificate followed by its chain) or 'pgp' (public_data =
-- binary OpenPGP public key ring). trust: 'verified' (imported by an admin/user) or
-- 'unverified' (harvested from signed mail). source: 'import' | 'harvest'.
CREATE TABLE crypto_keys (
    id INTEGER PRIMARY KEY,
    address TEXT NOT NULL,
    kind TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    public_data BLOB NOT NULL,
    sealed_private BLOB,
    trust TEXT NOT NULL,
    source TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (address, fingerprint)
);
CREATE INDEX crypto_keys_fingerprint ON crypto_keys(fingerprint);
CREATE INDEX crypto_keys_kind ON crypto_keys(kind);

-- S/MIME trust anchors (tegami trust add): DER certificates.
CREATE TABLE crypto_trust_anchors (
    fingerprint TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    der BLOB NOT NULL,
    added_at INTEGER NOT NULL
);

-- Gateway settings per domain or per account (scope = "example.test" or "alice@example.test").
-- NULL means "inherit" (account -> domain -> [crypto] config defaults).
CREATE TABLE crypto_settings (
    scope TEXT PRIMARY KEY,
    sign TEXT,
    encrypt TEXT,
    decrypt INTEGER,
    at_rest_key TEXT,
    updated_at INTEGER NOT NULL
);

-- One counter bumped by every change above, so a running server reloads its key cache only when
-- an admin command (another process) changed something.
CREATE TABLE crypto_generation (n INTEGER NOT NULL);
INSERT INTO crypto_generation (n) VALUES (1);
CREATE TRIGGER crypto_keys_ins AFTER INSERT ON crypto_keys BEGIN
    UPDATE crypto_generation SET n = n + 1;
END;
CREATE TRIGGER crypto_keys_upd AFTER UPDATE ON crypto_keys BEGIN
    UPDATE crypto_generation SET n = n + 1;
END;
CREATE TRIGGER crypto_keys_del AFTER DELETE ON crypto_keys BEGIN
    UPDATE crypto_generation SET n = n + 1;
END;
CREATE TRIGGER crypto_anchors_ins AFTER INSERT ON crypto_trust_anchors BEGIN
    UPDATE crypto_generation SET n = n + 1;
END;
CREATE TRIGGER crypto_anchors_del AFTER DELETE ON crypto_trust_anchors BEGIN
    UPDATE crypto_generation SET n = n + 1;
END;
CREATE TRIGGER crypto_settings_ins AFTER INSERT ON crypto_settings BEGIN
    UPDATE crypto_generation SET n = n + 1;
END;
CREATE TRIGGER crypto_settings_upd AFTER UPDATE ON crypto_settings BEGIN
    UPDATE crypto_generation SET n = n + 1;
END;
CREATE TRIGGER crypto_settings_del AFTER DELETE ON crypto_settings BEGIN
    UPDATE crypto_generation SET n = n + 1;
END;
