package org.tegami.store;

/** Counters of a mailbox (IMAP STATUS, `tegami mailbox status`). */
public record MailboxStatus(
        Mailbox mailbox, long messages, long unseen, long deleted, long size) {}
