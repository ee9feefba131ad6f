package org.tegami.mailauth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * The header fields of a message as byte ranges (RFC 5322 §2.2: a field is a line starting with a
 * name and a colon, plus the continuation lines that start with white space), so fields can be
 * read without parsing the body and removed without touching any other byte.
 */
public final class HeaderFields {

    /**
     * One field.
     *
     * @param value the unfolded value after the colon, leading white space removed
     * @param start offset of the field's first byte
     * @param end offset just past its final line break
     */
    public record Field(String name, String value, int start, int end) {}

    private HeaderFields() {}

    /** The fields of the header section (up to the empty line, or the whole input without one). */
    public static List<Field> of(byte[] message) {
        List<Field> out = new ArrayList<>();
        int pos = 0;
        while (pos < message.length && !blankLine(message, pos)) {
            int end = lineEnd(message, pos);
            while (end < message.length && (message[end] == ' ' || message[end] == '\t')) {
                end = lineEnd(message, end);
            }
            out.add(field(message, pos, end));
            pos = end;
        }
        return out;
    }

    /** The message without the header fields for which {@code remove(name, value)} is true. */
    public static byte[] without(byte[] message, BiPredicate<String, String> remove) {
        List<Field> fields = of(message);
        if (fields.stream().noneMatch(f -> remove.test(f.name(), f.value()))) {
            return message;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(message.length);
        int copied = 0;
        for (Field f : fields) {
            if (remove.test(f.name(), f.value())) {
                out.write(message, copied, f.start() - copied);
                copied = f.end();
            }
        }
        out.write(message, copied, message.length - copied);
        return out.toByteArray();
    }

    /** The value of the first field with this name (case-insensitive), or null. */
    public static String first(byte[] message, String name) {
        for (Field f : of(message)) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.value();
            }
        }
        return null;
    }

    private static Field field(byte[] m, int start, int end) {
        String raw = new String(m, start, end - start, StandardCharsets.UTF_8);
        int colon = raw.indexOf(':');
        String name = colon < 0 ? raw.strip() : raw.substring(0, colon).strip();
        String value = colon < 0 ? "" : raw.substring(colon + 1).replace("\r\n", "").replace("\n", "").strip();
        return new Field(name, value, start, end);
    }

    private static boolean blankLine(byte[] m, int pos) {
        return m[pos] == '\n' || (m[pos] == '\r' && pos + 1 < m.length && m[pos + 1] == '\n');
    }

    /** Offset just past the line break of the line starting at {@code pos} (or the end of input). */
    private static int lineEnd(byte[] m, int pos) {
        int i = pos;
        while (i < m.length && m[i] != '\n') {
            i++;
        }
        return Math.min(m.length, i + 1);
    }
}
