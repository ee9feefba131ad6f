package org.tegami.mime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Byte-level helpers for building signed and encrypted messages (RFC 1847, RFC 8551, RFC 3156):
 * split a message into its outer header and its content entity, join them again, canonicalise
 * line ends, and re-encode 8-bit parts as 7-bit before signing. Pure functions over byte arrays;
 * never throw on content.
 */
public final class MimeEntities {

    private static final byte[] CRLF = {'\r', '\n'};

    private MimeEntities() {}

    /**
     * A message cut in two: {@code outerHeaders} holds every top-level field except Content-* and
     * MIME-Version (each ending in CRLF, no blank line); {@code entity} holds the Content-* fields,
     * a blank line and the body: the MIME entity that gets signed or encrypted.
     */
    public record Split(byte[] outerHeaders, byte[] entity) {}

    /** Converts bare LF and bare CR to CRLF (RFC 5322 §2.3 canonical form). */
    public static byte[] toCrlf(byte[] in) {
        boolean clean = true;
        for (int i = 0; i < in.length && clean; i++) {
            if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) {
                clean = false;
            } else if (in[i] == '\r' && (i + 1 >= in.length || in[i + 1] != '\n')) {
                clean = false;
            }
        }
        if (clean) {
            return in;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + in.length / 32 + 2);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '\r') {
                out.write(CRLF, 0, 2);
                if (i + 1 < in.length && in[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write(CRLF, 0, 2);
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** Splits a message (converted to CRLF first) into outer header fields and content entity. */
    public static Split split(byte[] message) {
        byte[] msg = toCrlf(message);
        ParsedMessage parsed = MimeParser.parse(msg);
        ByteArrayOutputStream outer = new ByteArrayOutputStream();
        ByteArrayOutputStream entity = new ByteArrayOutputStream(msg.length);
        boolean hasContentType = false;
        for (HeaderField f : parsed.headers().fields()) {
            String name = f.name().toLowerCase(Locale.ROOT);
            if (name.equals("mime-version")) {
                continue;
            }
            ByteArrayOutputStream target = name.startsWith("content-") ? entity : outer;
            hasContentType |= name.equals("content-type");
            target.write(f.raw(), 0, f.raw().length);
            target.write(CRLF, 0, 2);
        }
        if (!hasContentType) {
            // RFC 2045 §5.2: the default made explicit, because the entity leaves its message.
            byte[] ct = "Content-Type: text/plain; charset=us-ascii\r\n".getBytes(StandardCharsets.US_ASCII);
            entity.write(ct, 0, ct.length);
        }
        entity.write(CRLF, 0, 2);
        int bodyStart = parsed.root().bodyStart();
        entity.write(msg, bodyStart, msg.length - bodyStart);
        return new Split(outer.toByteArray(), entity.toByteArray());
    }

    /** Outer header fields + "MIME-Version: 1.0" + entity: a complete message again. */
    public static byte[] join(byte[] outerHeaders, byte[] entity) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(outerHeaders.length + entity.length + 32);
        out.write(outerHeaders, 0, outerHeaders.length);
        byte[] mv = "MIME-Version: 1.0\r\n".getBytes(StandardCharsets.US_ASCII);
        out.write(mv, 0, mv.length);
        out.write(entity, 0, entity.length);
        return out.toByteArray();
    }

    /**
     * Re-encodes every leaf part whose body would not survive 7-bit transport unchanged: 8-bit or
     * NUL bytes, bare CR, lines over 998 octets (RFC 8551 §3.1.3, RFC 1847 §2.1 "7bit" for
     * multipart/signed). With {@code protectWhitespace}, text with trailing whitespace or lines
     * starting with "From " is also quoted-printable encoded (RFC 3156 §3 and §5). Text parts
     * become quoted-printable, others base64; the rest of the entity is copied byte for byte.
     */
    public static byte[] toSevenBit(byte[] entity, boolean protectWhitespace) {
        byte[] in = toCrlf(entity);
        ParsedMessage parsed = MimeParser.parse(in);
        List<MimePart> leaves = new ArrayList<>();
        collectLeaves(parsed.root(), leaves, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + in.length / 8);
        int cursor = 0;
        boolean changed = false;
        ByteBuffer buf = ByteBuffer.wrap(in);
        for (MimePart p : leaves) {
            if (p.headerStart() < cursor || !needsEncoding(in, p, protectWhitespace)) {
                continue;
            }
            boolean text = p.contentType().type().equals("text");
            byte[] body = ContentDecoder.decodedBody(buf, p, Integer.MAX_VALUE);
            byte[] encoded = text ? quotedPrintable(body) : base64(body);
            out.write(in, cursor, p.headerStart() - cursor);
            writeHeaderWithEncoding(in, p, text ? "quoted-printable" : "base64", out);
            out.write(encoded, 0, encoded.length);
            cursor = p.end();
            changed = true;
        }
        if (!changed) {
            return in;
        }
        out.write(in, cursor, in.length - cursor);
        return out.toByteArray();
    }

    /**
     * Re-encodes as base64 every leaf part that holds binary data — a NUL byte, or a declared
     * "binary" transfer encoding — leaving everything else byte for byte (line ends included).
     * For IMAP APPEND with literal8 (RFC 3516 §4.4): the stored message stays valid MIME, and
     * BINARY[] returns the original octets.
     */
    public static byte[] binaryToBase64(byte[] message) {
        ParsedMessage parsed = MimeParser.parse(message);
        List<MimePart> leaves = new ArrayList<>();
        collectLeaves(parsed.root(), leaves, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + message.length / 3);
        int cursor = 0;
        boolean changed = false;
        for (MimePart p : leaves) {
            if (p.headerStart() < cursor || !holdsBinary(message, p)) {
                continue;
            }
            byte[] body = new byte[p.bodySize()];
            System.arraycopy(message, p.bodyStart(), body, 0, body.length);
            out.write(message, cursor, p.headerStart() - cursor);
            writeHeaderWithEncoding(message, p, "base64", out);
            byte[] encoded = base64(body);
            out.write(encoded, 0, encoded.length);
            cursor = p.end();
            changed = true;
        }
        if (!changed) {
            return message;
        }
        out.write(message, cursor, message.length - cursor);
        return out.toByteArray();
    }

    private static boolean holdsBinary(byte[] in, MimePart p) {
        if (p.encoding().equals("binary")) {
            return true;
        }
        if (!p.encoding().equals("7bit") && !p.encoding().equals("8bit")) {
            return false;
        }
        for (int i = p.bodyStart(); i < p.end(); i++) {
            if (in[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static void collectLeaves(MimePart p, List<MimePart> out, int depth) {
        if (depth > 64) {
            return;
        }
        if (p.isMultipart()) {
            for (MimePart c : p.children()) {
                collectLeaves(c, out, depth + 1);
            }
        } else if (p.message() != null) {
            collectLeaves(p.message(), out, depth + 1);
        } else {
            out.add(p);
        }
    }

    private static boolean needsEncoding(byte[] in, MimePart p, boolean protectWhitespace) {
        String enc = p.encoding();
        if (!enc.equals("7bit") && !enc.equals("8bit") && !enc.equals("binary")) {
            return false; // already base64 / quoted-printable (or unknown: left alone)
        }
        int lineStart = p.bodyStart();
        for (int i = p.bodyStart(); i < p.end(); i++) {
            byte b = in[i];
            if (b < 0 || b == 0 || (b == '\r' && (i + 1 >= p.end() || in[i + 1] != '\n'))) {
                return true;
            }
            if (b == '\n') {
                if (i - lineStart > 999) {
                    return true;
                }
                if (protectWhitespace && lineNeedsProtection(in, lineStart, i - 1)) {
                    return true;
                }
                lineStart = i + 1;
            }
        }
        return p.end() - lineStart > 998
                || (protectWhitespace && lineNeedsProtection(in, lineStart, p.end()));
    }

    /** Trailing space/tab before the CR at {@code crPos}, or a leading "From ". */
    private static boolean lineNeedsProtection(byte[] in, int start, int crPos) {
        int end = crPos;
        if (end > start && (in[end - 1] == ' ' || in[end - 1] == '\t')) {
            return true;
        }
        return end - start >= 5 && in[start] == 'F' && in[start + 1] == 'r' && in[start + 2] == 'o'
                && in[start + 3] == 'm' && in[start + 4] == ' ';
    }

    private static void writeHeaderWithEncoding(byte[] in, MimePart p, String encoding, ByteArrayOutputStream out) {
        List<HeaderField> fields = new ArrayList<>();
        byte[] header = new byte[p.bodyStart() - p.headerStart()];
        System.arraycopy(in, p.headerStart(), header, 0, header.length);
        fields.addAll(MimeParser.parseHeaders(header).fields());
        boolean written = false;
        for (HeaderField f : fields) {
            if (f.is("Content-Transfer-Encoding")) {
                if (!written) {
                    writeAscii(out, "Content-Transfer-Encoding: " + encoding + "\r\n");
                    written = true;
                }
                continue;
            }
            out.write(f.raw(), 0, f.raw().length);
            out.write(CRLF, 0, 2);
        }
        if (!written) {
            writeAscii(out, "Content-Transfer-Encoding: " + encoding + "\r\n");
        }
        out.write(CRLF, 0, 2);
    }

    private static void writeAscii(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        out.write(b, 0, b.length);
    }

    /**
     * A fresh multipart boundary (RFC 2046 §5.1.1: up to 70 characters from bchars) that does not
     * occur in {@code content}.
     */
    public static String newBoundary(SecureRandom random, byte[] content) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        while (true) {
            StringBuilder sb = new StringBuilder("=_tegami_");
            for (int i = 0; i < 28; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (!contains(content, sb.toString().getBytes(StandardCharsets.US_ASCII))) {
                return sb.toString();
            }
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Base64 with CRLF line breaks every 76 characters and no final break (RFC 2045 §6.8). */
    public static byte[] base64(byte[] data) {
        return Base64.getMimeEncoder(76, CRLF).encode(data);
    }

    /**
     * Quoted-printable (RFC 2045 §6.7) of text whose line breaks are CRLF: hard breaks kept,
     * soft breaks at 76, trailing whitespace and a leading "From " or "." encoded. No line break is
     * added at the end, so the encoded body ends where the decoded one did.
     */
    public static byte[] quotedPrintable(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + text.length / 4);
        int col = 0;
        for (int i = 0; i < text.length; i++) {
            byte b = text[i];
            if (b == '\r' && i + 1 < text.length && text[i + 1] == '\n') {
                out.write(CRLF, 0, 2);
                i++;
                col = 0;
                continue;
            }
            boolean atLineEnd = i + 1 >= text.length || (text[i + 1] == '\r' && i + 2 < text.length && text[i + 2] == '\n');
            boolean fromLine = col == 0 && b == 'F' && startsWith(text, i, "From ");
            boolean dotLine = col == 0 && b == '.';
            boolean plain = b >= 33 && b <= 126 && b != '=' && !fromLine && !dotLine
                    || ((b == ' ' || b == '\t') && !atLineEnd);
            int width = plain ? 1 : 3;
            if (col + width > 75) {
                writeAscii(out, "=\r\n");
                col = 0;
            }
            if (plain) {
                out.write(b);
            } else {
                writeAscii(out, String.format(Locale.ROOT, "=%02X", b & 0xff));
            }
            col += width;
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] a, int off, String s) {
        if (off + s.length() > a.length) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (a[off + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
