package org.tegami.imap;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Parsers of single syntax elements: sequence sets, search programs, fetch items, modified UTF-7.
 * Each returns a value or a defined error, and accepted values round-trip.
 */
class ParserFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void sequenceSets(byte[] data) {
        String s = new String(data, StandardCharsets.ISO_8859_1);
        SequenceSet set;
        try {
            set = SequenceSet.parse(s, 50);
        } catch (ImapSyntaxException expected) {
            return;
        }
        try {
            if (!SequenceSet.parse(set.toString(), 50).equals(set)) {
                throw new AssertionError("round trip changed " + s + " -> " + set);
            }
        } catch (ImapSyntaxException e) {
            throw new AssertionError("wire form does not parse: " + set, e);
        }
        if (set.saved()) {
            return;
        }
        long largest = data.length * 7L;
        List<SequenceSet.Range> resolved = set.resolve(largest);
        long prevEnd = -1;
        for (SequenceSet.Range r : resolved) {
            if (r.start() < 1 || r.start() > r.end() || r.start() <= prevEnd + 1) {
                throw new AssertionError("not sorted and merged: " + resolved);
            }
            prevEnd = r.end();
        }
        for (long n = 1; n <= Math.min(largest + 2, 200); n++) {
            boolean inResolved = false;
            for (SequenceSet.Range r : resolved) {
                inResolved |= n >= r.start() && n <= r.end();
            }
            if (inResolved != set.contains(n, largest)) {
                throw new AssertionError("contains and resolve disagree on " + n + " for " + set);
            }
        }
    }

    @FuzzTest(maxDuration = "20s")
    void searchPrograms(byte[] data) {
        parseAndRoundTrip("s1 SEARCH ", data);
    }

    @FuzzTest(maxDuration = "20s")
    void fetchItems(byte[] data) {
        parseAndRoundTrip("f1 UID FETCH 1:* ", data);
    }

    private static void parseAndRoundTrip(String prefix, byte[] data) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] wire = new byte[p.length + data.length];
        System.arraycopy(p, 0, wire, 0, p.length);
        System.arraycopy(data, 0, wire, p.length, data.length);
        ImapLimits limits = new ImapLimits(4096, 1000, 1000, 100, 1000, 8192, 10, 8, 50, 20);
        CommandParser parser = new CommandParser(limits);
        ReadResult r = parser.parse(wire);
        if (r instanceof ReadResult.Parsed parsed) {
            CommandReaderFuzzTest.roundTrip(parser, parsed.command());
        } else if (!(r instanceof ReadResult.Failed)) {
            throw new AssertionError(r);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void modifiedUtf7(byte[] data) {
        String wire = new String(data, StandardCharsets.ISO_8859_1);
        try {
            String name = ModifiedUtf7.decode(wire);
            String again = ModifiedUtf7.decode(ModifiedUtf7.encode(name));
            if (!again.equals(name)) {
                throw new AssertionError("round trip changed " + name);
            }
        } catch (ImapSyntaxException expected) {
            // invalid modified UTF-7: a defined error
        }
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            if (!ModifiedUtf7.decode(ModifiedUtf7.encode(text)).equals(text)) {
                throw new AssertionError("encode/decode changed " + text);
            }
        } catch (ImapSyntaxException e) {
            throw new AssertionError("encoder produced invalid modified UTF-7 for " + text, e);
        }
    }
}
