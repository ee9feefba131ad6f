package org.tegami.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tegami.mime.HeaderField;

/** The "simple" and "relaxed" canonicalization algorithms (RFC 6376 §3.4). */
final class Canonicalizer {

    private Canonicalizer() {}

    /** One header field canonicalized, followed by CRLF (RFC 6376 §3.4.1, §3.4.2). */
    static byte[] header(byte[] raw, boolean relaxed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 2);
        if (!relaxed) {
            out.writeBytes(raw);
        } else {
            int colon = 0;
            while (colon < raw.length && raw[colon] != ':') {
                colon++;
            }
            String name = new String(raw, 0, colon, StandardCharsets.ISO_8859_1).strip().toLowerCase(Locale.ROOT);
            out.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
            out.write(':');
            // unfold, turn WSP runs into one SP, drop WSP at both ends of the value (§3.4.2)
            boolean pendingSpace = false;
            boolean started = false;
            for (int i = colon + 1; i < raw.length; i++) {
                byte b = raw[i];
                if (b == '\r' || b == '\n') {
                    continue;
                }
                if (b == ' ' || b == '\t') {
                    pendingSpace = started;
                    continue;
                }
                if (pendingSpace) {
                    out.write(' ');
                    pendingSpace = false;
                }
                out.write(b);
                started = true;
            }
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    /** The canonical body (RFC 6376 §3.4.3, §3.4.4); the input has CRLF line ends. */
    static byte[] body(byte[] body, boolean relaxed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 2);
        int pendingEmptyLines = 0;
        int i = 0;
        while (i < body.length) {
            int eol = i;
            while (eol < body.length && !(body[eol] == '\r' && eol + 1 < body.length && body[eol + 1] == '\n')) {
                eol++;
            }
            int end = eol;
            if (relaxed) {
                while (end > i && (body[end - 1] == ' ' || body[end - 1] == '\t')) {
                    end--;
                }
            }
            if (end == i) {
                if (eol < body.length) {
                    pendingEmptyLines++; // maybe trailing: only written if content follows
                }
            } else {
                for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                    out.write('\r');
                    out.write('\n');
                }
                if (relaxed) {
                    boolean space = false;
                    for (int k = i; k < end; k++) {
                        byte b = body[k];
                        if (b == ' ' || b == '\t') {
                            space = true;
                        } else {
                            if (space) {
                                out.write(' ');
                                space = false;
                            }
                            out.write(b);
                        }
                    }
                } else {
                    out.write(body, i, end - i);
                }
                out.write('\r');
                out.write('\n');
            }
            i = eol < body.length ? eol + 2 : body.length;
        }
        if (out.size() == 0 && !relaxed) {
            out.write('\r'); // §3.4.3: an empty body is canonicalized as a single CRLF
            out.write('\n');
        }
        return out.toByteArray();
    }

    /**
     * The header fields named by h=, each time the last one not used yet (RFC 6376 §5.4.2);
     * names with no instance left contribute nothing.
     */
    static void selectedHeaders(List<HeaderField> fields, List<String> names, boolean relaxed, ByteArrayOutputStream out) {
        Map<String, Integer> used = new HashMap<>();
        for (String n : names) {
            String key = n.toLowerCase(Locale.ROOT);
            int skip = used.getOrDefault(key, 0);
            int seen = 0;
            for (int k = fields.size() - 1; k >= 0; k--) {
                if (fields.get(k).is(n) && seen++ == skip) {
                    out.writeBytes(header(fields.get(k).raw(), relaxed));
                    break;
                }
            }
            used.put(key, skip + 1);
        }
    }

    /** The raw DKIM-Signature field with the value of its b= tag removed (RFC 6376 §3.7). */
    static byte[] withoutSignature(byte[] raw) {
        String s = new String(raw, StandardCharsets.ISO_8859_1);
        int colon = s.indexOf(':');
        int segStart = colon + 1;
        while (segStart <= s.length()) {
            int semi = s.indexOf(';', segStart);
            int segEnd = semi < 0 ? s.length() : semi;
            int eq = s.indexOf('=', segStart);
            if (eq >= 0 && eq < segEnd && TagList.removeFws(s.substring(segStart, eq)).equals("b")) {
                return (s.substring(0, eq + 1) + s.substring(segEnd)).getBytes(StandardCharsets.ISO_8859_1);
            }
            if (semi < 0) {
                break;
            }
            segStart = semi + 1;
        }
        return raw;
    }

    /** The canonical signature field without its final CRLF, for the header hash (§3.7). */
    static byte[] signatureField(byte[] rawWithEmptyB, boolean relaxed) {
        byte[] c = header(rawWithEmptyB, relaxed);
        byte[] out = new byte[c.length - 2];
        System.arraycopy(c, 0, out, 0, out.length);
        return out;
    }
}
