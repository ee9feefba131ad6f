package org.tegami.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes message content for SMTP DATA and POP3 RETR/TOP: a line starting with "." gets a second
 * "." (RFC 5321 §4.5.2, RFC 1939 §3), and {@link #finish()} ends the data with CRLF "." CRLF,
 * adding a CRLF first if the content did not end with one. Expects CRLF-clean input.
 */
public final class DotStuffingOutputStream extends FilterOutputStream {

    private boolean atLineStart = true;
    private int last2 = -1;
    private int last1 = -1;

    public DotStuffingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (atLineStart && b == '.') {
            out.write('.');
        }
        out.write(b);
        atLineStart = b == '\n';
        last2 = last1;
        last1 = b & 0xff; // -1 means "nothing written": an octet 0xFF must not look like it
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int runStart = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (atLineStart && b[i] == '.') {
                out.write(b, runStart, i - runStart);
                out.write('.');
                runStart = i;
            }
            atLineStart = b[i] == '\n';
        }
        out.write(b, runStart, end - runStart);
        if (len >= 2) {
            last2 = b[end - 2] & 0xff;
            last1 = b[end - 1] & 0xff;
        } else if (len == 1) {
            last2 = last1;
            last1 = b[off] & 0xff;
        }
    }

    /** Writes the end-of-data marker. The underlying stream stays open. */
    public void finish() throws IOException {
        if (!(last2 == '\r' && last1 == '\n') && last1 != -1) {
            out.write('\r');
            out.write('\n');
        }
        out.write(new byte[] {'.', '\r', '\n'});
        flush();
    }
}
