package org.tegami.imapserver;

import java.util.Optional;

/**
 * What an APPENDed message becomes before it is stored in the account's mailbox. Encryption at
 * rest (issue 7) must cover messages that do not arrive by SMTP, so the server passes every
 * APPEND through this; the IMAP package stays free of key handling.
 */
@FunctionalInterface
public interface AppendForm {

    /**
     * @param account the account's canonical address
     * @return the bytes to store, or empty when they cannot be produced now (the key is unusable):
     *     the APPEND gets NO [UNAVAILABLE] rather than storing plaintext against the account's wish
     */
    Optional<byte[]> apply(String account, byte[] message);

    /** Messages are stored as given. */
    AppendForm AS_IS = (account, message) -> Optional.of(message);
}
