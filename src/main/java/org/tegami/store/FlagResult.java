package org.tegami.store;

import java.util.List;

/**
 * Outcome of a {@link FlagUpdate}.
 *
 * @param changed messages whose flags changed, with their new state and mod-sequence
 * @param unchanged messages that passed the test but already had the flags (state as stored)
 * @param failed UIDs that failed the UNCHANGEDSINCE test (RFC 7162 §3.1.3 MODIFIED)
 */
public record FlagResult(List<MessageFlags> changed, List<MessageFlags> unchanged, long[] failed) {}
