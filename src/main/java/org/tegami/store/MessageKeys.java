package org.tegami.store;

/**
 * Per message of a mailbox: the attributes searching, sorting and threading compare, from the
 * index computed at delivery ({@link ContentIndex}), without reading any message.
 *
 * @param sentDate the Date: header (epoch ms), or null when absent or unreadable
 * @param sentTz its offset from UTC in minutes
 * @param replyOrForward the subject carried a reply/forward marker (RFC 5256 §4 step 5)
 */
public record MessageKeys(long uid, long internalDate, int internalTz, long size, Long sentDate, int sentTz,
        String subject, boolean replyOrForward, String from, String to, String cc, String displayFrom, String displayTo,
        String messageId, String references) {}
