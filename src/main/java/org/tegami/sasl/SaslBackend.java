package org.tegami.sasl;

import java.util.Optional;

/**
 * What the mechanisms need from the account directory. Implemented by the directory package, so
 * sasl stays a leaf that knows nothing about storage.
 */
public interface SaslBackend {

    /** Verifies a password (constant time; may refuse while the account is locked). */
    Verdict checkPassword(String user, String password);

    /** Stored SCRAM-SHA-256 keys of a user, if any. */
    Optional<ScramKeys> scramKeys(String user);

    /** Stored CRAM-MD5 secret (HMAC-MD5 pad states) of a user, if any. */
    Optional<CramMd5Secret> cramMd5Secret(String user);

    /** True if the user may not authenticate now (lockout); checked before any secret is used. */
    boolean locked(String user);

    /** Outcome of a password check. */
    enum Verdict { OK, BAD, LOCKED }
}
