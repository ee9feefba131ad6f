package org.tegami.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.tegami.mime.HeaderField;

/**
 * A message as DKIM sees it (RFC 6376 §3.4, §3.7): header fields with their exact bytes (folding
 * kept) and the body. Bare LF line ends are taken as CRLF first, as SMTP would have delivered
 * them (dkimpy does the same). Lines in the header that are not fields are ignored.
 */
final class DkimMessage {

    final List<HeaderField> fields;
    final byte[] body;

    private DkimMessage(List<HeaderField> fields, byte[] body) {
        this.fields = fields;
        this.body = body;
    }

    static DkimMessage parse(byte[] message) {
        byte[] m = crlf(message);
        List<HeaderField> fields = new ArrayList<>();
        int i = 0;
        int fieldStart = -1;
        int bodyStart = m.length;
        while (i < m.length) {
            int eol = indexOfCrlf(m, i);
            int lineEnd = eol < 0 ? m.length : eol;
            if (lineEnd == i) { // empty line: end of header
                bodyStart = eol < 0 ? m.length : eol + 2;
                break;
            }
            boolean continuation = m[i] == ' ' || m[i] == '\t';
            if (!continuation) {
                add(m, fieldStart, i, fields);
                fieldStart = i;
            }
            i = eol < 0 ? m.length : eol + 2;
            if (eol < 0) {
                bodyStart = m.length;
            }
        }
        add(m, fieldStart, Math.min(i, bodyStart), fields);
        byte[] body = new byte[m.length - Math.min(bodyStart, m.length)];
        System.arraycopy(m, Math.min(bodyStart, m.length), body, 0, body.length);
        return new DkimMessage(fields, body);
    }

    /** Adds the field in [start, end) without its final CRLF. */
    private static void add(byte[] m, int start, int end, List<HeaderField> out) {
        if (start < 0 || end <= start) {
            return;
        }
        int e = end;
        if (e - start >= 2 && m[e - 2] == '\r' && m[e - 1] == '\n') {
            e -= 2;
        }
        int colon = -1;
        for (int k = start; k < e; k++) {
            if (m[k] == ':') {
                colon = k;
                break;
            }
        }
        if (colon <= start) {
            return;
        }
        byte[] raw = new byte[e - start];
        System.arraycopy(m, start, raw, 0, raw.length);
        String name = new String(m, start, colon - start, StandardCharsets.ISO_8859_1).strip();
        String value = new String(m, colon + 1, e - colon - 1, StandardCharsets.UTF_8);
        out.add(new HeaderField(name, value, raw));
    }

    private static int indexOfCrlf(byte[] m, int from) {
        for (int k = from; k + 1 < m.length; k++) {
            if (m[k] == '\r' && m[k + 1] == '\n') {
                return k;
            }
        }
        return -1;
    }

    /** Bare LF becomes CRLF. */
    static byte[] crlf(byte[] in) {
        boolean bare = false;
        for (int k = 0; k < in.length; k++) {
            if (in[k] == '\n' && (k == 0 || in[k - 1] != '\r')) {
                bare = true;
                break;
            }
        }
        if (!bare) {
            return in;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + in.length / 20);
        for (int k = 0; k < in.length; k++) {
            if (in[k] == '\n' && (k == 0 || in[k - 1] != '\r')) {
                out.write('\r');
            }
            out.write(in[k]);
        }
        return out.toByteArray();
    }
}
