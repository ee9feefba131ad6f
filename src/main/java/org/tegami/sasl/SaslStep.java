package org.tegami.sasl;

/** The server's answer to one client message of a SASL exchange (RFC 4422). */
public sealed interface SaslStep {

    /** Send this challenge (raw bytes; the protocol base64-encodes it) and wait for a response. */
    record Challenge(byte[] data) implements SaslStep {}

    /** Authenticated as {@code user} (the authentication identity, as given by the client). */
    record Success(String user) implements SaslStep {}

    /**
     * Authentication failed. {@code user} is who was claimed, when known (for throttling and logs).
     */
    record Failure(Reason reason, String user) implements SaslStep {}

    enum Reason {
        /** Wrong password or unknown user: the same reply for both (no user enumeration). */
        BAD_CREDENTIALS,
        /** The client's message does not follow the mechanism's syntax. */
        MALFORMED,
        /** The account or client address is temporarily locked after repeated failures. */
        LOCKED,
        /** The mechanism cannot be used for this account (no stored secret for it). */
        UNAVAILABLE,
        /** authzid names another user: we do not support acting for someone else. */
        NOT_AUTHORIZED
    }
}
