package org.tegami.imap;

import java.util.List;

/**
 * A body section specifier (RFC 9051 §6.4.5, "section"): an optional part number and an optional
 * text specifier. {@code BODY[]} is the empty section; {@code BODY[1.2.HEADER.FIELDS (To)]} has
 * part [1, 2], kind HEADER_FIELDS and fields ["To"].
 *
 * @param part part numbers, empty for the whole message
 * @param kind which piece of the part
 * @param fields header field names for HEADER.FIELDS / HEADER.FIELDS.NOT, as sent; else empty
 */
public record Section(List<Integer> part, Kind kind, List<String> fields) {

    /** section-text / section-msgtext. */
    public enum Kind {
        /** The whole part (no text specifier). */
        ALL,
        HEADER,
        HEADER_FIELDS,
        HEADER_FIELDS_NOT,
        TEXT,
        /** The MIME header of a part; needs a part number. */
        MIME
    }

    public static final Section WHOLE = new Section(List.of(), Kind.ALL, List.of());

    public Section {
        part = List.copyOf(part);
        fields = List.copyOf(fields);
        if ((kind == Kind.HEADER_FIELDS || kind == Kind.HEADER_FIELDS_NOT) == fields.isEmpty()) {
            throw new IllegalArgumentException("header fields go with HEADER.FIELDS(.NOT) only");
        }
        if (kind == Kind.MIME && part.isEmpty()) {
            throw new IllegalArgumentException("MIME needs a part number");
        }
        for (int p : part) {
            if (p < 1) {
                throw new IllegalArgumentException("part numbers start at 1");
            }
        }
    }

    public static Section of(Kind kind, Integer... part) {
        return new Section(List.of(part), kind, List.of());
    }

    public int[] partArray() {
        int[] a = new int[part.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = part.get(i);
        }
        return a;
    }

    /** The section-spec as the FETCH response echoes it, e.g. "1.2.HEADER.FIELDS (TO CC)". */
    public String spec() {
        StringBuilder sb = new StringBuilder();
        for (int p : part) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(p);
        }
        String text = switch (kind) {
            case ALL -> "";
            case HEADER -> "HEADER";
            case HEADER_FIELDS -> "HEADER.FIELDS";
            case HEADER_FIELDS_NOT -> "HEADER.FIELDS.NOT";
            case TEXT -> "TEXT";
            case MIME -> "MIME";
        };
        if (!text.isEmpty()) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(text);
        }
        if (!fields.isEmpty()) {
            sb.append(" (");
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(Wire.isAstringAtom(fields.get(i)) ? fields.get(i) : ImapWriter.quote(fields.get(i)));
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
