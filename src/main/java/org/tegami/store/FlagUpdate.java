package org.tegami.store;

import java.util.List;

/**
 * A change of message flags (IMAP STORE, RFC 9051 §6.4.6), applied atomically against the stored
 * state so concurrent sessions never lose each other's changes.
 *
 * @param flags {@link SystemFlags} bits to add, remove or set
 * @param keywords keywords to add, remove or set (compared case-insensitively)
 * @param unchangedSince only change messages whose mod-sequence is at most this (RFC 7162
 *     §3.1.3), or null
 */
public record FlagUpdate(Mode mode, int flags, List<String> keywords, Long unchangedSince) {

    public enum Mode { ADD, REMOVE, REPLACE }

    public FlagUpdate {
        keywords = List.copyOf(keywords);
    }
}
