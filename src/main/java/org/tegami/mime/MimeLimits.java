package org.tegami.mime;

/**
 * Bounds for parsing untrusted messages. Beyond them the parser stops descending and treats the
 * rest as opaque content; it never fails on a hostile message.
 */
public record MimeLimits(int maxDepth, int maxParts, int maxHeaderFields, int maxHeaderBytes) {

    public static final MimeLimits DEFAULT = new MimeLimits(32, 10_000, 2_000, 1024 * 1024);
}
