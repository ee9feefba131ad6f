package org.tegami.mime;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Undoes Content-Transfer-Encoding (base64, quoted-printable) and charsets, for full-text indexing,
 * threat analysis, IMAP BINARY and S/MIME. Lenient like real clients: bad base64 characters are
 * skipped, bad QP escapes are kept literally.
 */
public final class ContentDecoder {

    private ContentDecoder() {}

    /** The raw (still encoded) body bytes of a part. */
    public static byte[] rawBody(ByteBuffer message, MimePart part) {
        byte[] out = new byte[part.bodySize()];
        message.get(part.bodyStart(), out);
        return out;
    }

    /** Body bytes with the transfer encoding removed, at most maxBytes of output. */
    public static byte[] decodedBody(ByteBuffer message, MimePart part, int maxBytes) {
        byte[] raw = rawBody(message, part);
        byte[] decoded = switch (part.encoding()) {
            case "base64" -> base64(raw);
            case "quoted-printable" -> quotedPrintable(raw);
            default -> raw;
        };
        if (decoded.length > maxBytes) {
            byte[] cut = new byte[maxBytes];
            System.arraycopy(decoded, 0, cut, 0, maxBytes);
            return cut;
        }
        return decoded;
    }

    /** Decoded text of a text part in its declared charset. */
    public static String text(ByteBuffer message, MimePart part, int maxBytes) {
        byte[] b = decodedBody(message, part, maxBytes);
        Charset cs = Charsets.forName(part.contentType().param("charset"), StandardCharsets.UTF_8);
        return new String(b, cs);
    }

    /** True if the transfer encoding is one we can undo (IMAP BINARY answers NO [UNKNOWN-CTE] otherwise). */
    public static boolean knownEncoding(String encoding) {
        return switch (encoding) {
            case "7bit", "8bit", "binary", "base64", "quoted-printable" -> true;
            default -> false;
        };
    }

    public static byte[] base64(byte[] in) {
        byte[] out = new byte[in.length * 3 / 4 + 3];
        int len = 0;
        int acc = 0;
        int bits = 0;
        for (byte b : in) {
            int v = b64(b);
            if (v < 0) {
                if (b == '=') {
                    break;
                }
                continue;
            }
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[len++] = (byte) (acc >> bits);
            }
        }
        return java.util.Arrays.copyOf(out, len);
    }

    private static int b64(byte b) {
        if (b >= 'A' && b <= 'Z') {
            return b - 'A';
        }
        if (b >= 'a' && b <= 'z') {
            return b - 'a' + 26;
        }
        if (b >= '0' && b <= '9') {
            return b - '0' + 52;
        }
        if (b == '+') {
            return 62;
        }
        if (b == '/') {
            return 63;
        }
        return -1;
    }

    public static byte[] quotedPrintable(byte[] in) {
        byte[] out = new byte[in.length]; // decoding never grows the data
        int len = 0;
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == ' ' || b == '\t') {
                // RFC 2045 §6.7 rule 3: white space at the end of an encoded line is padding added
                // by transport and must be deleted when decoding.
                int j = i;
                while (j < in.length && (in[j] == ' ' || in[j] == '\t')) {
                    j++;
                }
                if (j >= in.length || in[j] == '\n' || (in[j] == '\r' && j + 1 < in.length && in[j + 1] == '\n')) {
                    i = j - 1;
                    continue;
                }
            }
            if (b == '=') {
                // soft line break: "=" then optional whitespace then CRLF/LF
                int j = i + 1;
                while (j < in.length && (in[j] == ' ' || in[j] == '\t')) {
                    j++;
                }
                if (j < in.length && in[j] == '\r' && j + 1 < in.length && in[j + 1] == '\n') {
                    i = j + 1;
                    continue;
                }
                if (j < in.length && in[j] == '\n') {
                    i = j;
                    continue;
                }
                if (j >= in.length) {
                    break;
                }
                if (i + 2 < in.length && EncodedWords.hex((char) in[i + 1]) >= 0 && EncodedWords.hex((char) in[i + 2]) >= 0) {
                    out[len++] = (byte) (EncodedWords.hex((char) in[i + 1]) * 16 + EncodedWords.hex((char) in[i + 2]));
                    i += 2;
                    continue;
                }
            }
            out[len++] = b;
        }
        return java.util.Arrays.copyOf(out, len);
    }
}
