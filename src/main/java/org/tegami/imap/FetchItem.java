package org.tegami.imap;

import java.util.List;

/**
 * A FETCH data item (RFC 9051 §6.4.5, fetch-att), with MODSEQ (RFC 7162 §3.1.4.1) and the
 * BINARY items (RFC 3516 §4.2; part of RFC 9051). The macros ALL, FAST and FULL are expanded by
 * the parser.
 */
public sealed interface FetchItem {

    /** The name of this item in the FETCH response, e.g. "BODY[HEADER]&lt;0&gt;", "RFC822.SIZE". */
    String responseName();

    /** Items without arguments. */
    enum Simple implements FetchItem {
        FLAGS("FLAGS"),
        INTERNALDATE("INTERNALDATE"),
        RFC822_SIZE("RFC822.SIZE"),
        ENVELOPE("ENVELOPE"),
        /** Non-extensible BODYSTRUCTURE. */
        BODY("BODY"),
        BODYSTRUCTURE("BODYSTRUCTURE"),
        UID("UID"),
        MODSEQ("MODSEQ"),
        /** IMAP4rev1 (RFC 3501 §6.4.5): same as BODY[], sets \Seen. */
        RFC822("RFC822"),
        /** IMAP4rev1: same as BODY.PEEK[HEADER]. */
        RFC822_HEADER("RFC822.HEADER"),
        /** IMAP4rev1: same as BODY[TEXT]. */
        RFC822_TEXT("RFC822.TEXT");

        private final String wire;

        Simple(String wire) {
            this.wire = wire;
        }

        public String responseName() {
            return wire;
        }
    }

    /**
     * "&lt;offset.count&gt;" of a partial fetch (RFC 9051 §6.4.5).
     *
     * @param count octets wanted, at least 1
     */
    record Partial(long offset, long count) {}

    /** BODY[section]&lt;partial&gt; and BODY.PEEK[...] (peek: do not set \Seen). */
    record BodySection(Section section, boolean peek, Partial partial) implements FetchItem {
        public String responseName() {
            return "BODY[" + section.spec() + "]" + (partial == null ? "" : "<" + partial.offset() + ">");
        }
    }

    /** BINARY[part]&lt;partial&gt; and BINARY.PEEK[...]: the part with its transfer encoding undone. */
    record Binary(List<Integer> part, boolean peek, Partial partial) implements FetchItem {
        public Binary {
            part = List.copyOf(part);
        }

        public String responseName() {
            return "BINARY[" + partSpec(part) + "]" + (partial == null ? "" : "<" + partial.offset() + ">");
        }
    }

    /** BINARY.SIZE[part]: size of the decoded part. */
    record BinarySize(List<Integer> part) implements FetchItem {
        public BinarySize {
            part = List.copyOf(part);
        }

        public String responseName() {
            return "BINARY.SIZE[" + partSpec(part) + "]";
        }
    }

    private static String partSpec(List<Integer> part) {
        StringBuilder sb = new StringBuilder();
        for (int p : part) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(p);
        }
        return sb.toString();
    }
}
