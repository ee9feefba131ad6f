package org.tegami.mime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a message into {@link MimePart}s with byte offsets (RFC 5322, RFC 2045/2046). Works on
 * any {@link ByteBuffer} (heap or memory-mapped blob) with absolute reads. Accepts CRLF and bare
 * LF line ends (IMAP APPEND stores bytes as given). Never throws on content: malformed structure
 * degrades to opaque parts, and {@link MimeLimits} bound depth, part count and header size.
 */
public final class MimeParser {

    private final ByteBuffer buf;
    private final MimeLimits limits;
    private int parts;

    private MimeParser(ByteBuffer buf, MimeLimits limits) {
        this.buf = buf;
        this.limits = limits;
    }

    public static ParsedMessage parse(byte[] message) {
        return parse(ByteBuffer.wrap(message), MimeLimits.DEFAULT);
    }

    public static ParsedMessage parse(ByteBuffer message, MimeLimits limits) {
        MimeParser p = new MimeParser(message, limits);
        List<HeaderField> top = new ArrayList<>();
        MimePart root = p.entity(0, message.limit(), 0, ContentType.TEXT_PLAIN, top);
        Headers headers = new Headers(top);
        return new ParsedMessage(root, Envelope.of(headers), headers);
    }

    /** Parses only the header block at the start of the buffer. */
    public static Headers parseHeaders(byte[] data) {
        MimeParser p = new MimeParser(ByteBuffer.wrap(data), MimeLimits.DEFAULT);
        List<HeaderField> fields = new ArrayList<>();
        p.headers(0, data.length, fields);
        return new Headers(fields);
    }

    private MimePart entity(int start, int end, int depth, ContentType defaultType, List<HeaderField> fieldsOut) {
        parts++;
        List<HeaderField> fields = fieldsOut != null ? fieldsOut : new ArrayList<>();
        int bodyStart = headers(start, end, fields);
        Headers h = new Headers(fields);
        ContentType ct = ContentType.parse(h.value("Content-Type"));
        if (ct == null) {
            ct = defaultType;
        }
        String encoding = h.value("Content-Transfer-Encoding");
        encoding = encoding == null || encoding.isBlank() ? "7bit" : encoding.strip().toLowerCase(Locale.ROOT);
        Disposition disposition = Disposition.parse(h.value("Content-Disposition"));
        String lang = h.value("Content-Language");
        List<String> language = null;
        if (lang != null && !lang.isBlank()) {
            language = new ArrayList<>();
            for (String l : lang.split("[,\\s]+")) {
                if (!l.isBlank()) {
                    language.add(l.strip());
                }
            }
        }
        List<MimePart> children = List.of();
        MimePart message = null;
        Envelope envelope = null;
        boolean mayDescend = depth < limits.maxDepth() && parts < limits.maxParts();
        if (ct.isMultipart() && mayDescend) {
            String boundary = ct.param("boundary");
            ContentType childDefault = ct.subtype().equals("digest") ? ContentType.MESSAGE_RFC822 : ContentType.TEXT_PLAIN;
            children = boundary == null || boundary.isEmpty() || boundary.length() > 200
                    ? List.of()
                    : multipart(bodyStart, end, boundary, depth, childDefault);
        } else if (ct.isMessage() && mayDescend && !encoding.equals("base64") && !encoding.equals("quoted-printable")) {
            List<HeaderField> inner = new ArrayList<>();
            message = entity(bodyStart, end, depth + 1, ContentType.TEXT_PLAIN, inner);
            envelope = Envelope.of(new Headers(inner));
        }
        return new MimePart(start, bodyStart, end, countLines(bodyStart, end), ct, encoding,
                h.value("Content-ID"), h.value("Content-Description"), h.value("Content-MD5"),
                disposition, language, h.value("Content-Location"), children, message, envelope);
    }

    /** Parses header fields from start; returns the body offset (after the blank line, or end). */
    private int headers(int start, int end, List<HeaderField> out) {
        int i = start;
        int fieldStart = -1;
        int fieldEnd = -1;
        int budget = limits.maxHeaderBytes();
        while (i < end) {
            int lineEnd = indexOf((byte) '\n', i, end);
            int next = lineEnd < 0 ? end : lineEnd + 1;
            int contentEnd = lineEnd < 0 ? end : (lineEnd > i && buf.get(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd);
            if (contentEnd == i && lineEnd >= 0) {
                // the blank line that ends the header
                addField(fieldStart, fieldEnd, out);
                return next;
            }
            byte first = buf.get(i);
            if ((first == ' ' || first == '\t') && fieldStart >= 0) {
                fieldEnd = contentEnd; // folded continuation
            } else {
                addField(fieldStart, fieldEnd, out);
                fieldStart = i;
                fieldEnd = contentEnd;
            }
            budget -= next - i;
            if (budget < 0 || out.size() >= limits.maxHeaderFields()) {
                // Absurd header: stop interpreting it; the rest of the entity is body.
                addField(fieldStart, fieldEnd, out);
                return next;
            }
            i = next;
        }
        addField(fieldStart, fieldEnd, out);
        return end;
    }

    private void addField(int start, int end, List<HeaderField> out) {
        if (start < 0 || end <= start || out.size() >= limits.maxHeaderFields()) {
            return;
        }
        byte[] raw = new byte[end - start];
        buf.get(start, raw);
        int colon = -1;
        for (int k = 0; k < raw.length; k++) {
            if (raw[k] == ':') {
                colon = k;
                break;
            }
            if (raw[k] == '\n') {
                break;
            }
        }
        if (colon <= 0) {
            return; // not a header field (e.g. an mbox "From " line): ignored
        }
        // "Name : value" (space before the colon) is obsolete syntax: the name is trimmed. A
        // name with inner spaces is not a field at all (e.g. an mbox "From a@b Mon 10:00" line).
        String name = new String(raw, 0, colon, StandardCharsets.ISO_8859_1).strip();
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (c <= 32 || c >= 127) {
                return;
            }
        }
        if (name.isEmpty()) {
            return;
        }
        String value = decodeHeaderBytes(raw, colon + 1, raw.length - colon - 1);
        out.add(new HeaderField(name, unfold(value), raw));
    }

    /** Header bytes are UTF-8 (RFC 6532) when valid, otherwise taken as Latin-1 octets. */
    static String decodeHeaderBytes(byte[] raw, int off, int len) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw, off, len))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(raw, off, len, StandardCharsets.ISO_8859_1);
        }
    }

    private static String unfold(String v) {
        if (v.indexOf('\n') < 0) {
            return v.startsWith(" ") ? v.substring(1) : v;
        }
        StringBuilder sb = new StringBuilder(v.length());
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            if (c != '\r' && c != '\n') {
                sb.append(c);
            }
        }
        return sb.length() > 0 && sb.charAt(0) == ' ' ? sb.substring(1) : sb.toString();
    }

    private List<MimePart> multipart(int bodyStart, int end, String boundary, int depth, ContentType childDefault) {
        byte[] delim = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<MimePart> children = new ArrayList<>();
        int partStart = -1;
        int i = bodyStart;
        while (i < end) {
            int lineEnd = indexOf((byte) '\n', i, end);
            int next = lineEnd < 0 ? end : lineEnd + 1;
            int kind = delimiterKind(i, lineEnd < 0 ? end : lineEnd, delim);
            if (kind != 0) {
                if (partStart >= 0) {
                    children.add(child(partStart, lineBreakBefore(i, partStart), depth, childDefault));
                    if (parts >= limits.maxParts()) {
                        return children;
                    }
                }
                if (kind == 2) {
                    return children; // close delimiter: the rest is epilogue
                }
                partStart = next;
            }
            i = next;
        }
        if (partStart >= 0 && partStart <= end) {
            children.add(child(partStart, end, depth, childDefault)); // no close delimiter
        }
        return children;
    }

    private MimePart child(int start, int end, int depth, ContentType childDefault) {
        return entity(start, Math.max(start, end), depth + 1, childDefault, null);
    }

    /** Offset of the line break that precedes position i (CRLF or LF), not before floor. */
    private int lineBreakBefore(int i, int floor) {
        int p = i;
        if (p > floor && buf.get(p - 1) == '\n') {
            p--;
            if (p > floor && buf.get(p - 1) == '\r') {
                p--;
            }
        }
        return p;
    }

    /** 0: not a delimiter; 1: delimiter; 2: close delimiter (RFC 2046 §5.1.1). */
    private int delimiterKind(int start, int lineEnd, byte[] delim) {
        if (lineEnd - start < delim.length) {
            return 0;
        }
        for (int k = 0; k < delim.length; k++) {
            if (buf.get(start + k) != delim[k]) {
                return 0;
            }
        }
        int p = start + delim.length;
        int kind = 1;
        if (p + 2 <= lineEnd && buf.get(p) == '-' && buf.get(p + 1) == '-') {
            kind = 2;
            p += 2;
        }
        for (; p < lineEnd; p++) {
            byte b = buf.get(p);
            if (b != ' ' && b != '\t' && b != '\r') {
                return 0; // "--boundaryX" is a different boundary
            }
        }
        return kind;
    }

    private int countLines(int start, int end) {
        int lines = 0;
        for (int k = start; k < end; k++) {
            if (buf.get(k) == '\n') {
                lines++;
            }
        }
        if (end > start && buf.get(end - 1) != '\n') {
            lines++;
        }
        return lines;
    }

    private int indexOf(byte b, int from, int end) {
        for (int k = from; k < end; k++) {
            if (buf.get(k) == b) {
                return k;
            }
        }
        return -1;
    }
}
