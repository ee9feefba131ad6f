package org.tegami.threat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.tegami.mime.HeaderField;
import org.tegami.mime.MimePart;

/**
 * Byte-level edits of a stored message: a list of non-overlapping splices applied in one pass, so
 * everything not edited (other parts, attachments, signatures' bytes) stays byte for byte, plus
 * the transfer-encoding helpers the edits need.
 */
final class MessageRewriter {

    private record Splice(int start, int end, byte[] bytes) {}

    private final byte[] original;
    private final List<Splice> splices = new ArrayList<>();
    /** The message's own line ending, used for everything inserted. */
    final String eol;

    MessageRewriter(byte[] original) {
        this.original = original;
        int lf = -1;
        for (int i = 0; i < original.length; i++) {
            if (original[i] == '\n') {
                lf = i;
                break;
            }
        }
        this.eol = lf > 0 && original[lf - 1] == '\r' || lf < 0 ? "\r\n" : "\n";
    }

    void insert(int at, byte[] bytes) {
        splices.add(new Splice(at, at, bytes));
    }

    void replace(int start, int end, byte[] bytes) {
        splices.add(new Splice(start, end, bytes));
    }

    byte[] result() {
        List<Splice> sorted = new ArrayList<>(splices);
        sorted.sort(Comparator.comparingInt(Splice::start).thenComparingInt(Splice::end));
        ByteArrayOutputStream out = new ByteArrayOutputStream(original.length + 4096);
        int pos = 0;
        for (Splice s : sorted) {
            if (s.start() < pos) {
                continue; // overlapping edit: keep the first one
            }
            out.write(original, pos, s.start() - pos);
            out.writeBytes(s.bytes());
            pos = s.end();
        }
        out.write(original, pos, original.length - pos);
        return out.toByteArray();
    }

    /**
     * Offset of a top-level header field's raw bytes in [from, headerEnd), or -1. Header fields
     * start at the beginning of a line.
     */
    int findField(HeaderField f, int from, int headerEnd) {
        byte[] raw = f.raw();
        int i = from;
        while (i >= 0 && i < headerEnd) {
            int at = FileSniffer.indexOf(original, raw, i, headerEnd);
            if (at < 0) {
                return -1;
            }
            if (at == 0 || original[at - 1] == '\n') {
                return at;
            }
            i = at + 1;
        }
        return -1;
    }

    /** Offset just past the line ending that follows {@code at} (or headerEnd). */
    int lineEndAfter(int at, int limit) {
        int i = at;
        while (i < limit && original[i] != '\n') {
            i++;
        }
        return Math.min(limit, i + 1);
    }

    byte[] slice(int start, int end) {
        byte[] b = new byte[end - start];
        System.arraycopy(original, start, b, 0, b.length);
        return b;
    }

    /** Decoded (transfer-encoding undone) body of a part. */
    byte[] decoded(MimePart p) {
        return org.tegami.mime.ContentDecoder.decodedBody(ByteBuffer.wrap(original), p, Integer.MAX_VALUE);
    }

    /** Base64 in 76-column lines, ending with a line break. */
    byte[] base64(byte[] data) {
        String b = Base64.getMimeEncoder(76, eol.getBytes(StandardCharsets.US_ASCII)).encodeToString(data);
        return (b + eol).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Quoted-printable (RFC 2045 §6.7) with soft breaks before 76 columns; the message's line
     * breaks in {@code data} are kept as hard breaks.
     */
    byte[] quotedPrintable(byte[] data) {
        StringBuilder sb = new StringBuilder(data.length * 3 / 2);
        int col = 0;
        for (int i = 0; i < data.length; i++) {
            int b = data[i] & 0xff;
            if (b == '\r' && i + 1 < data.length && data[i + 1] == '\n') {
                continue;
            }
            if (b == '\n') {
                sb.append(eol);
                col = 0;
                continue;
            }
            boolean lineEnd = i + 1 >= data.length || data[i + 1] == '\n' || data[i + 1] == '\r';
            boolean literal = b >= 33 && b <= 126 && b != '=' || (b == ' ' || b == '\t') && !lineEnd;
            String token = literal ? String.valueOf((char) b) : String.format("=%02X", b);
            if (col + token.length() > 75) {
                sb.append('=').append(eol);
                col = 0;
            }
            sb.append(token);
            col += token.length();
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** True if the charset writes ASCII as ASCII (so ASCII banners can be spliced in as bytes). */
    static boolean asciiCompatible(Charset cs) {
        byte[] probe = "A<>\n".getBytes(cs);
        return java.util.Arrays.equals(probe, "A<>\n".getBytes(StandardCharsets.US_ASCII));
    }
}
