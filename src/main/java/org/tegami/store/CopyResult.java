package org.tegami.store;

/**
 * UIDs given by a copy or move (UIDPLUS COPYUID, RFC 4315 §3): {@code sourceUids[i]} became
 * {@code destUids[i]} in the target mailbox.
 */
public record CopyResult(long uidValidity, long[] sourceUids, long[] destUids) {}
