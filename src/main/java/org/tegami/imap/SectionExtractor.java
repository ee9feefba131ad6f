package org.tegami.imap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tegami.mime.ContentDecoder;
import org.tegami.mime.MimePart;

/**
 * The octets FETCH BODY[section] and BINARY[part] return (RFC 9051 §6.4.5, RFC 3516 §4.2), cut
 * from the stored message with the cached {@link MimePart} offsets. Results are slices of the
 * message buffer (no copy) except HEADER.FIELDS(.NOT), which collects the matching raw fields
 * followed by the blank line, and BINARY where something had to be decoded.
 *
 * <p>A section that does not exist (part 5 of a two-part message, HEADER of a part that is not a
 * message/rfc822, 1.1 of a single-part message) yields empty data, as Dovecot answers; RFC 9051
 * does not define it. Checked octet for octet against Dovecot 2.3 (SectionDovecotTest).
 */
public final class SectionExtractor {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CTE_BINARY = "Content-Transfer-Encoding: binary\r\n".getBytes(StandardCharsets.US_ASCII);

    private SectionExtractor() {}

    /**
     * The part with section number {@code path} (RFC 9051 §6.4.5), or null. Part 1 of a
     * non-multipart entity is the entity itself, but only at the top level or right inside an
     * encapsulated message: a leaf has no part 1.1. Numbers after a message/rfc822 part refer
     * to the parts of the message it holds.
     */
    public static MimePart find(MimePart root, List<Integer> path) {
        MimePart p = root;
        for (int i = 0; i < path.size(); i++) {
            int n = path.get(i);
            MimePart container = p;
            if (i > 0) {
                if (p.message() == null && !p.isMultipart()) {
                    return null; // a leaf has no sub-parts
                }
                if (p.message() != null) {
                    container = p.message();
                }
            }
            if (container.isMultipart()) {
                if (n < 1 || n > container.children().size()) {
                    return null;
                }
                p = container.children().get(n - 1);
            } else if (n == 1) {
                p = container;
            } else {
                return null;
            }
        }
        return p;
    }

    /** BODY[section] (without partial). */
    public static ByteBuffer body(ByteBuffer message, MimePart root, Section section) {
        MimePart target = root;
        if (!section.part().isEmpty()) {
            MimePart p = find(root, section.part());
            if (p == null) {
                return empty();
            }
            switch (section.kind()) {
                case ALL:
                    return slice(message, p.bodyStart(), p.end());
                case MIME:
                    return slice(message, p.headerStart(), p.bodyStart());
                default:
                    // HEADER, TEXT and HEADER.FIELDS after a part number refer to an encapsulated
                    // message (RFC 9051 §6.4.5).
                    if (p.message() == null) {
                        return empty();
                    }
                    target = p.message();
            }
        }
        return switch (section.kind()) {
            case ALL -> slice(message, target.headerStart(), target.end());
            case HEADER, MIME -> slice(message, target.headerStart(), target.bodyStart());
            case TEXT -> slice(message, target.bodyStart(), target.end());
            case HEADER_FIELDS -> headerFields(message, target, section.fields(), false);
            case HEADER_FIELDS_NOT -> headerFields(message, target, section.fields(), true);
        };
    }

    /** RFC822 (= BODY[]), RFC822.HEADER (= BODY[HEADER]), RFC822.TEXT (= BODY[TEXT]): RFC 3501 §6.4.5. */
    public static ByteBuffer rfc822(ByteBuffer message, MimePart root, FetchItem.Simple item) {
        return switch (item) {
            case RFC822 -> slice(message, root.headerStart(), root.end());
            case RFC822_HEADER -> slice(message, root.headerStart(), root.bodyStart());
            case RFC822_TEXT -> slice(message, root.bodyStart(), root.end());
            default -> throw new IllegalArgumentException(item + " carries no message data");
        };
    }

    /** The &lt;offset.count&gt; piece of data; empty when the offset is past the end. */
    public static ByteBuffer partial(ByteBuffer data, FetchItem.Partial partial) {
        if (partial == null) {
            return data;
        }
        int size = data.remaining();
        if (partial.offset() >= size) {
            return empty();
        }
        int from = (int) partial.offset();
        int n = (int) Math.min(size - from, partial.count());
        return data.slice(data.position() + from, n);
    }

    /**
     * The header fields whose names are (or, with {@code not}, are not) in {@code names}, each as
     * raw as in the message with its continuation lines, in message order, then the blank line
     * that ends a header (RFC 9051 §6.4.5). Names compare without regard to case. A line that is
     * not a field (an mbox "From " line) never matches, so only .NOT returns it — as Dovecot.
     */
    static ByteBuffer headerFields(ByteBuffer message, MimePart entity, List<String> names, boolean not) {
        Set<String> wanted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        wanted.addAll(names);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int end = entity.bodyStart();
        int i = entity.headerStart();
        while (i < end) {
            int fieldEnd = fieldEnd(message, i, end);
            int contentEnd = stripLineEnd(message, i, fieldEnd);
            if (contentEnd == i) {
                break; // the blank line ending the header
            }
            String name = fieldName(message, i, contentEnd);
            if ((name != null && wanted.contains(name)) != not) {
                byte[] raw = new byte[contentEnd - i];
                message.get(i, raw);
                out.writeBytes(raw);
                out.writeBytes(CRLF);
            }
            i = fieldEnd;
        }
        out.writeBytes(CRLF);
        return ByteBuffer.wrap(out.toByteArray());
    }

    /** End (exclusive, after its line break) of the field starting at i: continuation lines included. */
    private static int fieldEnd(ByteBuffer m, int i, int end) {
        int p = i;
        while (true) {
            while (p < end && m.get(p) != '\n') {
                p++;
            }
            if (p >= end) {
                return end;
            }
            p++;
            if (p >= end || (m.get(p) != ' ' && m.get(p) != '\t') || p == i + 1 || m.get(i) == '\r' && p == i + 2) {
                return p;
            }
        }
    }

    private static int stripLineEnd(ByteBuffer m, int from, int to) {
        int e = to;
        if (e > from && m.get(e - 1) == '\n') {
            e--;
            if (e > from && m.get(e - 1) == '\r') {
                e--;
            }
        }
        return e;
    }

    /** The field name (text before ":", trimmed), or null when the line is not a field. */
    private static String fieldName(ByteBuffer m, int from, int to) {
        for (int k = from; k < to; k++) {
            byte b = m.get(k);
            if (b == ':') {
                byte[] n = new byte[k - from];
                m.get(from, n);
                String name = new String(n, StandardCharsets.ISO_8859_1).strip();
                return name.isEmpty() || name.indexOf(' ') >= 0 || name.indexOf('\t') >= 0 ? null : name;
            }
            if (b == '\n') {
                return null;
            }
        }
        return null;
    }

    /** What BINARY[part] yields. */
    public sealed interface Binary {
        /** The decoded octets. */
        record Data(ByteBuffer data) implements Binary {}

        /** A Content-Transfer-Encoding is unknown: answer NO [UNKNOWN-CTE] (RFC 3516 §4.3). */
        record UnknownEncoding(String encoding) implements Binary {}

        /** There is no such part. */
        record NoSuchPart() implements Binary {}
    }

    /**
     * BINARY[part] (RFC 3516 §4.2): the part's content with its transfer encoding removed.
     * BINARY[] is the whole message; for it, and for multipart and message/rfc822 parts, every
     * encoded leaf inside is decoded and its Content-Transfer-Encoding header says "binary", as
     * Dovecot does. Nothing is copied when nothing needs decoding.
     */
    public static Binary binary(ByteBuffer message, MimePart root, List<Integer> part) {
        MimePart p = part.isEmpty() ? root : find(root, part);
        if (p == null) {
            return new Binary.NoSuchPart();
        }
        String unknown = unknownEncoding(p);
        if (unknown != null) {
            return new Binary.UnknownEncoding(unknown);
        }
        if (part.isEmpty()) {
            return new Binary.Data(needsDecoding(p) ? decoded(message, p) : slice(message, p.headerStart(), p.end()));
        }
        if (p.message() != null) {
            MimePart inner = p.message();
            return new Binary.Data(needsDecoding(inner) ? decoded(message, inner) : slice(message, p.bodyStart(), p.end()));
        }
        if (p.isMultipart()) {
            if (!needsDecoding(p)) {
                return new Binary.Data(slice(message, p.bodyStart(), p.end()));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(p.bodySize());
            multipartBody(message, p, out);
            return new Binary.Data(ByteBuffer.wrap(out.toByteArray()));
        }
        if (!isEncoded(p)) {
            return new Binary.Data(slice(message, p.bodyStart(), p.end()));
        }
        return new Binary.Data(ByteBuffer.wrap(decodeLeaf(message, p)));
    }

    private static boolean isEncoded(MimePart p) {
        return p.encoding().equals("base64") || p.encoding().equals("quoted-printable");
    }

    private static String unknownEncoding(MimePart p) {
        if (!ContentDecoder.knownEncoding(p.encoding())) {
            return p.encoding();
        }
        if (p.message() != null) {
            return unknownEncoding(p.message());
        }
        for (MimePart c : p.children()) {
            String u = unknownEncoding(c);
            if (u != null) {
                return u;
            }
        }
        return null;
    }

    private static boolean needsDecoding(MimePart p) {
        if (p.message() != null) {
            return needsDecoding(p.message());
        }
        if (p.isMultipart()) {
            for (MimePart c : p.children()) {
                if (needsDecoding(c)) {
                    return true;
                }
            }
            return false;
        }
        return isEncoded(p);
    }

    /** The entity (header and body) with every encoded leaf decoded. */
    private static ByteBuffer decoded(ByteBuffer message, MimePart entity) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(entity.end() - entity.headerStart());
        entity(message, entity, out);
        return ByteBuffer.wrap(out.toByteArray());
    }

    private static void entity(ByteBuffer m, MimePart p, ByteArrayOutputStream out) {
        if (p.message() != null) {
            copy(m, p.headerStart(), p.bodyStart(), out);
            entity(m, p.message(), out);
        } else if (p.isMultipart()) {
            copy(m, p.headerStart(), p.bodyStart(), out);
            multipartBody(m, p, out);
        } else if (isEncoded(p)) {
            rewriteHeader(m, p, out);
            out.writeBytes(decodeLeaf(m, p));
        } else {
            copy(m, p.headerStart(), p.end(), out);
        }
    }

    private static void multipartBody(ByteBuffer m, MimePart p, ByteArrayOutputStream out) {
        int pos = p.bodyStart();
        for (MimePart c : p.children()) {
            copy(m, pos, c.headerStart(), out);
            entity(m, c, out);
            pos = c.end();
        }
        copy(m, pos, p.end(), out);
    }

    /** The part's header with its Content-Transfer-Encoding field replaced by "binary". */
    private static void rewriteHeader(ByteBuffer m, MimePart p, ByteArrayOutputStream out) {
        int i = p.headerStart();
        int end = p.bodyStart();
        while (i < end) {
            int fieldEnd = fieldEnd(m, i, end);
            int contentEnd = stripLineEnd(m, i, fieldEnd);
            String name = contentEnd == i ? null : fieldName(m, i, contentEnd);
            if (name != null && name.equalsIgnoreCase("Content-Transfer-Encoding")) {
                out.writeBytes(CTE_BINARY);
            } else {
                copy(m, i, fieldEnd, out);
            }
            i = fieldEnd;
        }
    }

    /**
     * A leaf's body decoded. For quoted-printable, trailing white space is removed from each line
     * first: RFC 2045 §6.7 rule (3) says it was added in transport and must be deleted.
     */
    private static byte[] decodeLeaf(ByteBuffer m, MimePart p) {
        byte[] raw = new byte[p.bodySize()];
        m.get(p.bodyStart(), raw);
        if (p.encoding().equals("base64")) {
            return ContentDecoder.base64(raw);
        }
        return ContentDecoder.quotedPrintable(stripTrailingWhitespace(raw));
    }

    static byte[] stripTrailingWhitespace(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int lineStart = 0;
        for (int i = 0; i <= in.length; i++) {
            if (i == in.length || in[i] == '\n') {
                int e = i;
                if (e > lineStart && in[e - 1] == '\r') {
                    e--;
                }
                int t = e;
                while (t > lineStart && (in[t - 1] == ' ' || in[t - 1] == '\t')) {
                    t--;
                }
                out.write(in, lineStart, t - lineStart);
                out.write(in, e, i - e + (i < in.length ? 1 : 0));
                lineStart = i + 1;
            }
        }
        return out.toByteArray();
    }

    private static void copy(ByteBuffer m, int from, int to, ByteArrayOutputStream out) {
        if (to > from) {
            byte[] b = new byte[to - from];
            m.get(from, b);
            out.writeBytes(b);
        }
    }

    private static ByteBuffer slice(ByteBuffer message, int from, int to) {
        int f = Math.max(0, Math.min(from, message.limit()));
        int t = Math.max(f, Math.min(to, message.limit()));
        return message.slice(f, t - f);
    }

    private static ByteBuffer empty() {
        return ByteBuffer.allocate(0);
    }
}
