package org.tegami.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns bare LF and bare CR into CRLF, so every stored message has canonical line ends. Stored
 * content that is CRLF-clean can never carry an ambiguous end-of-data sequence when it is relayed
 * later (SMTP smuggling, CVE-2023-51766 class). State survives across write calls, so a CRLF split
 * between two BDAT chunks stays one line end.
 */
public final class CrlfNormalizingOutputStream extends FilterOutputStream {

    private boolean pendingCr;
    private long bareLineEnds;

    public CrlfNormalizingOutputStream(OutputStream out) {
        super(out);
    }

    /** How many bare CR or bare LF were rewritten (recorded for the transaction log). */
    public long bareLineEnds() {
        return bareLineEnds;
    }

    @Override
    public void write(int b) throws IOException {
        if (pendingCr) {
            pendingCr = false;
            out.write('\r');
            out.write('\n');
            if (b == '\n') {
                return;
            }
            bareLineEnds++;
        }
        if (b == '\r') {
            pendingCr = true;
        } else if (b == '\n') {
            bareLineEnds++;
            out.write('\r');
            out.write('\n');
        } else {
            out.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int runStart = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (c == '\r' || c == '\n' || pendingCr) {
                if (i > runStart) {
                    out.write(b, runStart, i - runStart);
                }
                if (c == '\r' && i + 1 < end && b[i + 1] == '\n' && !pendingCr) {
                    out.write(b, i, 2);
                    i++;
                } else {
                    write(c);
                }
                runStart = i + 1;
            }
        }
        if (end > runStart) {
            out.write(b, runStart, end - runStart);
        }
    }

    /** Ends a pending bare CR (as CRLF). Call before closing; close() does it too. */
    public void finish() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            bareLineEnds++;
            out.write('\r');
            out.write('\n');
        }
    }

    @Override
    public void close() throws IOException {
        finish();
        super.close();
    }
}
