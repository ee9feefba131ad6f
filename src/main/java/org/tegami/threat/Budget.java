package org.tegami.threat;

/** The shared, decreasing allowance of one analysis: decompressed bytes, entries and time. */
final class Budget {

    final ThreatLimits limits;
    private long inflated;
    private int entries;
    private final long deadline;
    /** Set once any bound was hit, so the verdict can say the inspection was partial. */
    String exhausted;

    Budget(ThreatLimits limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.maxMillis() * 1_000_000L;
    }

    /** Remaining bytes that may still be decompressed. */
    long inflateAllowance() {
        return Math.max(0, limits.maxInflatedBytes() - inflated);
    }

    void inflated(long n) {
        inflated += n;
        if (inflated >= limits.maxInflatedBytes()) {
            exhausted = "decompressed-size limit";
        }
    }

    /** Takes one archive entry from the allowance; false when none is left. */
    boolean takeEntry() {
        if (entries >= limits.maxArchiveEntries()) {
            exhausted = "entry-count limit";
            return false;
        }
        entries++;
        return true;
    }

    boolean timeLeft() {
        if (System.nanoTime() - deadline > 0) {
            exhausted = "time limit";
            return false;
        }
        return true;
    }
}
