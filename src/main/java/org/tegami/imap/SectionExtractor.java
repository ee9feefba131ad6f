package org.tegami.imap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.tegami.mime.ContentDecoder;
import org.tegami.mime.HeaderField;
import org.tegami.mime.Headers;
import org.tegami.mime.MimeParser;
import org.tegami.mime.MimePart;

/**
 * The octets FETCH BODY[section] and BINARY[part] return (RFC 9051 §6.4.5, RFC 3516 §4.2), cut
 * from the stored message with the cached {@link MimePart} offsets. Results are slices of the
 * message buffer (no copy) except HEADER.FIELDS(.NOT), which builds the matching raw fields
 * followed by the blank line, and BINARY, which decodes.
 *
 * <p>A section that does not exist (part 5 of a two-part message, HEADER of a part that is not a
 * message/rfc822) yields empty data, as Dovecot answers; RFC 9051 does not define it.
 */
public final class SectionExtractor {

    private static final byte[] CRLF = {'\r', '\n'};

    private SectionExtractor() {}

    /** BODY[section] (without partial). */
    public static ByteBuffer body(ByteBuffer message, MimePart root, Section section) {
        MimePart target = root;
        if (!section.part().isEmpty()) {
            MimePart p = root.section(section.partArray());
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
     * The matching header fields, each as raw as in the message, then the blank line that ends a
     * header (RFC 9051 §6.4.5: "HEADER.FIELDS ... the subset of the header"). Names compare
     * without regard to case; order is the message's.
     */
    static ByteBuffer headerFields(ByteBuffer message, MimePart entity, List<String> names, boolean not) {
        Set<String> wanted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String n : names) {
            wanted.add(n.toLowerCase(Locale.ROOT));
        }
        byte[] header = new byte[entity.bodyStart() - entity.headerStart()];
        message.get(entity.headerStart(), header);
        Headers headers = MimeParser.parseHeaders(header);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (HeaderField f : headers.fields()) {
            if (wanted.contains(f.name()) != not) {
                out.writeBytes(f.raw());
                out.writeBytes(CRLF);
            }
        }
        out.writeBytes(CRLF);
        return ByteBuffer.wrap(out.toByteArray());
    }

    /** What BINARY[part] yields. */
    public sealed interface Binary {
        /** The decoded octets. */
        record Data(ByteBuffer data) implements Binary {}

        /** The part's Content-Transfer-Encoding is unknown: answer NO [UNKNOWN-CTE] (RFC 3516 §4.3). */
        record UnknownEncoding(String encoding) implements Binary {}

        /** There is no such part. */
        record NoSuchPart() implements Binary {}
    }

    /**
     * BINARY[part] (RFC 3516 §4.2): the part with its transfer encoding removed. BINARY[] is the
     * whole message as stored.
     */
    public static Binary binary(ByteBuffer message, MimePart root, List<Integer> part) {
        if (part.isEmpty()) {
            return new Binary.Data(slice(message, root.headerStart(), root.end()));
        }
        int[] path = new int[part.size()];
        for (int i = 0; i < path.length; i++) {
            path[i] = part.get(i);
        }
        MimePart p = root.section(path);
        if (p == null) {
            return new Binary.NoSuchPart();
        }
        if (!ContentDecoder.knownEncoding(p.encoding())) {
            return new Binary.UnknownEncoding(p.encoding());
        }
        return switch (p.encoding()) {
            case "base64", "quoted-printable" ->
                    new Binary.Data(ByteBuffer.wrap(ContentDecoder.decodedBody(message, p, Integer.MAX_VALUE)));
            default -> new Binary.Data(slice(message, p.bodyStart(), p.end()));
        };
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
