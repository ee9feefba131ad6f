package org.tegami.imap;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes IMAP syntax (RFC 9051 §4, §9) into one growing buffer and sends it with a single write on
 * {@link #flush()} — a whole response, or several, in one TCP segment where possible (the server
 * runs with TCP_NODELAY). Only payloads larger than the buffer bypass it, so a 10 MB message body
 * is written straight from its {@link ByteBuffer} without being copied.
 *
 * <p>String choice follows RFC 9051 §4.3: an atom where the syntax allows one and the text is an
 * atom, otherwise a quoted string, otherwise (CR, LF, NUL, 8-bit when UTF-8 is not enabled, or
 * long) a literal; {@code ~{n}} literal8 for binary data with NUL (RFC 3516 §4.3).
 *
 * <p>Not thread-safe: one writer per connection. Methods throw {@link UncheckedIOException} only
 * when the buffer must be drained mid-response and the socket fails.
 */
public final class ImapWriter {

    /** Strings longer than this are sent as literals even when they could be quoted. */
    static final int MAX_QUOTED = 1024;
    /** Payloads at least this large go straight to the stream instead of through the buffer. */
    static final int DIRECT_PAYLOAD = 32 * 1024;

    private static final byte[] NIL = {'N', 'I', 'L'};
    private static final byte[] CRLF = {'\r', '\n'};

    private final OutputStream out;
    private final int maxBuffer;
    private byte[] buf;
    private int len;
    private boolean utf8;

    public ImapWriter(OutputStream out) {
        this(out, 64 * 1024);
    }

    /** @param maxBuffer bytes collected before the writer must hand them to the stream */
    public ImapWriter(OutputStream out, int maxBuffer) {
        this.out = out;
        this.maxBuffer = Math.max(1024, maxBuffer);
        this.buf = new byte[Math.min(4096, this.maxBuffer)];
    }

    /**
     * Allows UTF-8 in quoted strings and text: true once the client has enabled IMAP4rev2 or
     * UTF8=ACCEPT (RFC 9051 §4.3, RFC 6855 §3); otherwise 8-bit strings are sent as literals.
     */
    public ImapWriter utf8(boolean enabled) {
        this.utf8 = enabled;
        return this;
    }

    public boolean utf8() {
        return utf8;
    }

    /** Bytes waiting in the buffer. */
    public int pending() {
        return len;
    }

    /** Sends everything buffered with one write and flushes the stream. */
    public void flush() throws IOException {
        if (len > 0) {
            out.write(buf, 0, len);
            len = 0;
        }
        out.flush();
        if (buf.length > 64 * 1024) {
            buf = new byte[4096]; // do not keep a large buffer for an idle connection
        }
    }

    /** {@link #flush()} for in-memory streams, which cannot fail. */
    void flushQuietly() {
        try {
            flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The buffered bytes (tests). */
    byte[] buffered() {
        return Arrays.copyOf(buf, len);
    }

    // ---- raw output ----------------------------------------------------------------------------

    private void ensure(int n) {
        if (len + n <= buf.length) {
            return;
        }
        if (len + n <= maxBuffer) {
            buf = Arrays.copyOf(buf, Math.min(maxBuffer, Math.max(buf.length * 2, len + n)));
            return;
        }
        drain();
        if (n > buf.length) {
            // One piece larger than the buffer (a long UID set): grow for it; flush() shrinks back.
            buf = Arrays.copyOf(buf, Math.max(n, Math.min(buf.length * 2, maxBuffer)));
        }
    }

    private void drain() {
        try {
            if (len > 0) {
                out.write(buf, 0, len);
                len = 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes ASCII text as is (protocol keywords, numbers, already valid syntax). */
    public ImapWriter raw(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    public ImapWriter raw(byte[] b) {
        return raw(b, 0, b.length);
    }

    public ImapWriter raw(byte[] b, int off, int n) {
        if (n >= DIRECT_PAYLOAD) {
            drain();
            try {
                out.write(b, off, n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** Writes the remaining bytes of data without consuming them. */
    public ImapWriter raw(ByteBuffer data) {
        ByteBuffer d = data.duplicate();
        if (d.hasArray()) {
            return raw(d.array(), d.arrayOffset() + d.position(), d.remaining());
        }
        while (d.hasRemaining()) {
            int n = Math.min(d.remaining(), maxBuffer);
            ensure(n);
            d.get(buf, len, n);
            len += n;
        }
        return this;
    }

    public ImapWriter sp() {
        ensure(1);
        buf[len++] = ' ';
        return this;
    }

    public ImapWriter crlf() {
        return raw(CRLF);
    }

    public ImapWriter open() {
        ensure(1);
        buf[len++] = '(';
        return this;
    }

    public ImapWriter close() {
        ensure(1);
        buf[len++] = ')';
        return this;
    }

    public ImapWriter nil() {
        return raw(NIL);
    }

    public ImapWriter number(long n) {
        return raw(Long.toString(n));
    }

    // ---- strings ---------------------------------------------------------------------------------

    /** An atom; falls back to a string if {@code s} is not one. */
    public ImapWriter atom(String s) {
        return Wire.isAtom(s) ? raw(s) : string(s);
    }

    /** astring (RFC 9051 §9): atom characters (including "]") bare, otherwise a string. */
    public ImapWriter astring(String s) {
        return Wire.isAstringAtom(s) && !s.equalsIgnoreCase("NIL") ? raw(s) : string(s);
    }

    /** A quoted string when allowed, else a literal. */
    public ImapWriter string(String s) {
        if (quotable(s)) {
            return raw(quote(s), utf8);
        }
        return literal(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** nstring: NIL for null. */
    public ImapWriter nstring(String s) {
        return s == null ? nil() : string(s);
    }

    private ImapWriter raw(String text, boolean allow8bit) {
        if (!allow8bit) {
            return raw(text);
        }
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return raw(b, 0, b.length);
    }

    private boolean quotable(String s) {
        if (s.length() > MAX_QUOTED) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || (c >= 0x80 && !utf8) || Character.isSurrogate(c) && !utf8) {
                return false;
            }
        }
        return true;
    }

    /** The quoted form of a string free of CR, LF and NUL: "\" and DQUOTE escaped. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** A literal "{n}" CRLF data (RFC 9051 §4.3). */
    public ImapWriter literal(ByteBuffer data) {
        raw("{" + data.remaining() + "}\r\n");
        return raw(data);
    }

    /** A literal8 "~{n}" CRLF data (RFC 3516 §4.3, RFC 9051 §4.3). */
    public ImapWriter literal8(ByteBuffer data) {
        raw("~{" + data.remaining() + "}\r\n");
        return raw(data);
    }

    /**
     * Message data for BODY[...] / BINARY[...] (RFC 9051 §7.5.2): always a literal (as Dovecot
     * sends it: some clients, curl among them, parse message data only as literals), except the
     * empty string, which is sent quoted. Data with NUL is a literal8 when {@code binary} (BINARY[]); in BODY[]
     * a NUL cannot be sent (literal is *CHAR8, no NUL), so it is replaced by 0x80 as Dovecot does.
     */
    public ImapWriter data(ByteBuffer data, boolean binary) {
        ByteBuffer d = data.duplicate();
        int n = d.remaining();
        boolean nul = false;
        boolean plain = n == 0;
        for (int i = d.position(); i < d.limit(); i++) {
            byte b = d.get(i);
            if (b == 0) {
                nul = true;
                break;
            }
            if (plain && (b == '\r' || b == '\n' || b < 0)) {
                plain = false;
            }
        }
        if (nul) {
            if (binary) {
                return literal8(d);
            }
            byte[] copy = new byte[n];
            d.get(copy);
            for (int i = 0; i < n; i++) {
                if (copy[i] == 0) {
                    copy[i] = (byte) 0x80;
                }
            }
            return literal(ByteBuffer.wrap(copy));
        }
        if (plain) {
            byte[] b = new byte[n];
            d.get(b);
            return raw(quote(new String(b, StandardCharsets.ISO_8859_1)));
        }
        return literal(d);
    }

    /**
     * Human-readable text of a status response (resp-text, RFC 9051 §7.1): CR, LF and NUL become
     * spaces, 8-bit becomes "?" unless UTF-8 is enabled, and a leading "[" is avoided so it cannot
     * be mistaken for a response code.
     */
    public ImapWriter text(String text) {
        String t = text == null || text.isEmpty() ? "done" : text;
        StringBuilder sb = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                sb.append(' ');
            } else if ((c >= 0x80 && !utf8) || c < 0x20 && c != '\t' || Character.isSurrogate(c) && !utf8) {
                sb.append('?');
            } else {
                sb.append(c);
            }
        }
        if (sb.charAt(0) == '[') {
            sb.insert(0, "- ");
        }
        return raw(sb.toString(), utf8);
    }
}
