package org.tegami.store;

/**
 * The mutable state of one message: what a session's view of a mailbox keeps per message and what
 * a change feed reports.
 *
 * @param flags {@link SystemFlags} bits
 * @param keywords user keywords separated by single spaces ("" when none)
 */
public record MessageFlags(long uid, long modSeq, int flags, String keywords) {}
