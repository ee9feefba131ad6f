package org.tegami.imap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An IMAP sequence set (RFC 9051 §9 "sequence-set"): message sequence numbers or UIDs, single
 * numbers and ranges in any order, "*" for the largest number in use, or "$" for the result saved
 * by an earlier SEARCH RETURN (SAVE) (RFC 9051 §6.4.4.1, RFC 5182).
 *
 * <p>Ranges are kept as written; {@link #resolve} turns them into sorted, merged, ascending ranges
 * once the session knows what "*" stands for.
 *
 * @param ranges the ranges as written (empty only when {@code saved})
 * @param saved true for "$"
 */
public record SequenceSet(List<Range> ranges, boolean saved) {

    /** Stands for "*" in a {@link Range} until resolved. */
    public static final long STAR = Long.MAX_VALUE;

    /** Largest sequence number or UID: "number" is an unsigned 32-bit integer (RFC 9051 §9). */
    public static final long MAX_NUMBER = 0xFFFF_FFFFL;

    /** The "$" set. */
    public static final SequenceSet SAVED = new SequenceSet(List.of(), true);

    /** One number ({@code start == end}) or an inclusive range; either bound may be {@link #STAR}. */
    public record Range(long start, long end) {

        public Range {
            if (!valid(start) || !valid(end)) {
                throw new IllegalArgumentException("not a sequence number: " + start + ":" + end);
            }
        }

        private static boolean valid(long n) {
            return n == STAR || (n >= 1 && n <= MAX_NUMBER);
        }

        public long low() {
            return Math.min(start, end);
        }

        public long high() {
            return Math.max(start, end);
        }

        @Override
        public String toString() {
            String a = start == STAR ? "*" : Long.toString(start);
            return start == end ? a : a + ":" + (end == STAR ? "*" : Long.toString(end));
        }
    }

    public SequenceSet {
        ranges = List.copyOf(ranges);
        if (saved != ranges.isEmpty()) {
            throw new IllegalArgumentException("a sequence set is either \"$\" or non-empty ranges");
        }
    }

    public static SequenceSet of(long n) {
        return new SequenceSet(List.of(new Range(n, n)), false);
    }

    /**
     * A set written as in IMAP, for constants in code and tests; untrusted input goes through
     * {@link #parse}, which reports errors as {@link ImapSyntaxException}.
     *
     * @throws IllegalArgumentException if {@code wire} is not a sequence set
     */
    public static SequenceSet of(String wire) {
        try {
            return parse(wire, Integer.MAX_VALUE);
        } catch (ImapSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + wire);
        }
    }

    public static SequenceSet range(long from, long to) {
        return new SequenceSet(List.of(new Range(from, to)), false);
    }

    /** Builds a compact set ("1:3,7") from numbers in any order; empty input is not allowed. */
    public static SequenceSet ofNumbers(Iterable<Long> numbers) {
        List<Long> sorted = new ArrayList<>();
        numbers.forEach(sorted::add);
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("empty sequence set");
        }
        sorted.sort(Comparator.naturalOrder());
        List<Range> out = new ArrayList<>();
        long start = sorted.get(0);
        long prev = start;
        for (int i = 1; i < sorted.size(); i++) {
            long n = sorted.get(i);
            if (n == prev || n == prev + 1) {
                prev = n;
                continue;
            }
            out.add(new Range(start, prev));
            start = n;
            prev = n;
        }
        out.add(new Range(start, prev));
        return new SequenceSet(out, false);
    }

    /**
     * Parses "sequence-set" (RFC 9051 §9), also accepting "$".
     *
     * @param maxRanges most comma-separated elements accepted
     */
    public static SequenceSet parse(String s, int maxRanges) throws ImapSyntaxException {
        if (s.equals("$")) {
            return SAVED;
        }
        if (s.isEmpty()) {
            throw new ImapSyntaxException("empty sequence set");
        }
        List<Range> ranges = new ArrayList<>();
        int i = 0;
        while (true) {
            if (ranges.size() >= maxRanges) {
                throw new ImapSyntaxException("sequence set has more than " + maxRanges + " ranges",
                        ResponseCode.LIMIT, false);
            }
            int colon = -1;
            int j = i;
            while (j < s.length() && s.charAt(j) != ',') {
                if (s.charAt(j) == ':') {
                    if (colon >= 0) {
                        throw new ImapSyntaxException("bad sequence range");
                    }
                    colon = j;
                }
                j++;
            }
            if (colon < 0) {
                long n = number(s, i, j);
                ranges.add(new Range(n, n));
            } else {
                ranges.add(new Range(number(s, i, colon), number(s, colon + 1, j)));
            }
            if (j == s.length()) {
                return new SequenceSet(ranges, false);
            }
            i = j + 1;
        }
    }

    private static long number(String s, int from, int to) throws ImapSyntaxException {
        if (to - from == 1 && s.charAt(from) == '*') {
            return STAR;
        }
        if (from >= to || to - from > 10 || s.charAt(from) == '0') {
            throw new ImapSyntaxException("bad sequence number");
        }
        long n = 0;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                throw new ImapSyntaxException("bad sequence number");
            }
            n = n * 10 + (c - '0');
        }
        if (n > MAX_NUMBER) {
            throw new ImapSyntaxException("sequence number out of range");
        }
        return n;
    }

    /** True if "*" occurs anywhere. */
    public boolean hasStar() {
        for (Range r : ranges) {
            if (r.start == STAR || r.end == STAR) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sorted, merged, ascending ranges with "*" replaced by {@code largest} (the highest sequence
     * number or UID in use; 0 in an empty mailbox). Numbers below 1 are dropped, so "*" alone in
     * an empty mailbox resolves to nothing while "5:*" still means 1..5 — RFC 9051 §6.4.8: "559:*"
     * includes the last message even when 559 is larger than its UID.
     *
     * @throws IllegalStateException for "$", which only the session can resolve
     */
    public List<Range> resolve(long largest) {
        if (saved) {
            throw new IllegalStateException("\"$\" must be replaced by the saved search result");
        }
        List<long[]> spans = new ArrayList<>(ranges.size());
        for (Range r : ranges) {
            long a = r.start == STAR ? largest : r.start;
            long b = r.end == STAR ? largest : r.end;
            long lo = Math.max(1, Math.min(a, b));
            long hi = Math.max(a, b);
            if (hi >= 1) {
                spans.add(new long[] {lo, hi});
            }
        }
        spans.sort(Comparator.comparingLong(x -> x[0]));
        List<Range> out = new ArrayList<>();
        long lo = -1;
        long hi = -1;
        for (long[] sp : spans) {
            if (lo < 0) {
                lo = sp[0];
                hi = sp[1];
            } else if (sp[0] <= hi + 1) {
                hi = Math.max(hi, sp[1]);
            } else {
                out.add(new Range(lo, hi));
                lo = sp[0];
                hi = sp[1];
            }
        }
        if (lo > 0) {
            out.add(new Range(lo, hi));
        }
        return out;
    }

    /** Whether n is in the set, given what "*" stands for. */
    public boolean contains(long n, long largest) {
        if (saved) {
            throw new IllegalStateException("\"$\" must be replaced by the saved search result");
        }
        for (Range r : ranges) {
            long a = r.start == STAR ? largest : r.start;
            long b = r.end == STAR ? largest : r.end;
            if (n >= Math.min(a, b) && n <= Math.max(a, b)) {
                return true;
            }
        }
        return false;
    }

    /** How many distinct numbers the set covers once resolved. */
    public long count(long largest) {
        long n = 0;
        for (Range r : resolve(largest)) {
            n += r.end - r.start + 1;
        }
        return n;
    }

    /** The wire form, e.g. "1:3,7,9:*" or "$". */
    @Override
    public String toString() {
        if (saved) {
            return "$";
        }
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(r);
        }
        return sb.toString();
    }
}
