package org.tegami.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A buffered reader of protocol lines with a hard bound on line length, shared by the SMTP, IMAP
 * and POP3 servers and the SMTP client. Unlike {@code BufferedReader} it never grows a buffer for
 * a hostile client: an over-long line is consumed to its end and reported, so the session can
 * answer with an error and go on.
 *
 * <p>A line ends at LF; a CR right before the LF is part of the terminator. Bare CRs elsewhere
 * stay in the line (callers decide; SMTP treats them as content).
 */
public final class LineReader {

    private InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;

    public LineReader(InputStream in) {
        this(in, 16 * 1024);
    }

    public LineReader(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /**
     * Replaces the underlying stream (after STARTTLS) and throws away anything buffered: bytes a
     * client pipelined before the TLS handshake must never be read as commands afterwards
     * (CVE-2011-0411, STARTTLS command injection).
     */
    public void switchTo(InputStream newIn) {
        this.in = newIn;
        this.pos = 0;
        this.limit = 0;
    }

    /** Bytes already received and not yet consumed (pipelining and early-talker detection). */
    public int buffered() {
        return limit - pos;
    }

    /** True if more input is available without blocking (received or buffered). */
    public boolean hasPending() throws IOException {
        return limit > pos || in.available() > 0;
    }

    /**
     * Reads one line without its terminator.
     *
     * @param maxLength longest accepted line, terminator excluded
     * @return the line, or null at end of stream before any byte of a new line
     * @throws LineTooLongException after consuming the whole over-long line
     * @throws java.io.EOFException if the stream ends inside a line
     */
    public String readLine(int maxLength) throws IOException {
        byte[] line = readLineBytes(maxLength);
        return line == null ? null : new String(line, StandardCharsets.UTF_8);
    }

    /** Like {@link #readLine} but returns raw bytes (8-bit safe). */
    public byte[] readLineBytes(int maxLength) throws IOException {
        java.io.ByteArrayOutputStream out = null;
        int total = 0;
        boolean tooLong = false;
        while (true) {
            if (pos >= limit && !fill()) {
                if (total == 0 && out == null) {
                    return null;
                }
                throw new java.io.EOFException("connection closed inside a line");
            }
            int start = pos;
            int lf = -1;
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    lf = i;
                    break;
                }
            }
            int end = lf >= 0 ? lf : limit;
            pos = lf >= 0 ? lf + 1 : limit;
            int n = end - start;
            if (!tooLong) {
                if (total + n > maxLength + 1) { // +1: a CR that may belong to the terminator
                    tooLong = true;
                } else {
                    if (out == null) {
                        if (lf >= 0) {
                            // Fast path: the whole line is in the buffer.
                            int len = n > 0 && buf[end - 1] == '\r' ? n - 1 : n;
                            if (len > maxLength) {
                                throw new LineTooLongException(maxLength);
                            }
                            byte[] line = new byte[len];
                            System.arraycopy(buf, start, line, 0, len);
                            return line;
                        }
                        out = new java.io.ByteArrayOutputStream(Math.min(maxLength + 2, 1024));
                    }
                    out.write(buf, start, n);
                }
            }
            total += n;
            if (lf >= 0) {
                if (tooLong) {
                    throw new LineTooLongException(maxLength);
                }
                byte[] line = out.toByteArray();
                int len = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
                if (len > maxLength) {
                    throw new LineTooLongException(maxLength);
                }
                return len == line.length ? line : java.util.Arrays.copyOf(line, len);
            }
        }
    }

    /**
     * Copies the next line including its terminator into {@code dst}, up to {@code max} bytes.
     *
     * @return bytes copied; 0 at end of stream. If the result does not end with LF, the line was
     *     longer than {@code max} (or the stream ended) and the next call continues it.
     */
    public int readLineInto(byte[] dst, int max) throws IOException {
        if (pos >= limit && !fill()) {
            return 0;
        }
        int n = 0;
        while (n < max) {
            if (pos >= limit && !fill()) {
                return n;
            }
            int avail = Math.min(limit - pos, max - n);
            for (int i = 0; i < avail; i++) {
                byte b = buf[pos++];
                dst[n++] = b;
                if (b == '\n') {
                    return n;
                }
            }
        }
        return n;
    }

    /** Reads exactly len bytes (BDAT chunks, IMAP literals) into out, or throws EOFException. */
    public void readExactly(java.io.OutputStream out, long len) throws IOException {
        long remaining = len;
        while (remaining > 0) {
            if (pos >= limit && !fill()) {
                throw new java.io.EOFException("connection closed inside a literal");
            }
            int n = (int) Math.min(limit - pos, remaining);
            if (out != null) {
                out.write(buf, pos, n);
            }
            pos += n;
            remaining -= n;
        }
    }

    /** Reads one byte, or -1 at end of stream. */
    public int read() throws IOException {
        if (pos >= limit && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    private boolean fill() throws IOException {
        pos = 0;
        limit = 0;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        limit = n;
        return true;
    }
}
