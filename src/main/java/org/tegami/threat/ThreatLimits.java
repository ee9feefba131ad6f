package org.tegami.threat;

/**
 * Bounds that keep analysis cheap on hostile input. Past a bound the analyzer stops looking
 * (and says so in a finding where that matters, e.g. a zip bomb); it never fails.
 *
 * @param maxParts MIME leaves examined
 * @param maxTextBytes decoded bytes of one text/html body part examined
 * @param maxAttachmentBytes decoded bytes of one attachment examined
 * @param maxArchiveDepth nesting of archives inside archives (a zip in a zip is depth 2)
 * @param maxArchiveEntries entries examined over all archives of one message
 * @param maxInflatedBytes bytes decompressed over all archives and PDF streams of one message
 * @param maxEntryBytes bytes decompressed from one archive entry
 * @param maxMillis wall-clock budget for attachment inspection; beyond it the rest is skipped
 */
public record ThreatLimits(
        int maxParts,
        int maxTextBytes,
        int maxAttachmentBytes,
        int maxArchiveDepth,
        int maxArchiveEntries,
        long maxInflatedBytes,
        int maxEntryBytes,
        long maxMillis) {

    public static final ThreatLimits DEFAULT =
            new ThreatLimits(200, 512 * 1024, 32 * 1024 * 1024, 4, 2_000, 64L * 1024 * 1024, 16 * 1024 * 1024, 2_000);
}
