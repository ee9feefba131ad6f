package org.tegami.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import org.tegami.io.CrlfNormalizingOutputStream;
import org.tegami.io.LineReader;

/**
 * Reads SMTP DATA content up to the end-of-data marker (RFC 5321 §4.1.1.4), removing dot-stuffing
 * (§4.5.2) and normalising line ends to CRLF.
 *
 * <p>End of data is only CRLF "." CRLF: a "." line that follows a bare LF, or ends in a bare LF or
 * bare CR, is content (SMTP smuggling, CVE-2023-51766 class; the same rule as Postfix's
 * smtpd_forbid_bare_newline=normalize). Bare LF and bare CR in content become CRLF, so stored mail
 * is CRLF-clean and can never smuggle when relayed. Limits never stop the reading early: an
 * over-long line or an oversized message is read to its end and then refused, keeping the
 * session in step with the client.
 */
public final class DataReader {

    /** What was read. Content beyond maxSize was discarded when tooBig. */
    public record Result(long size, boolean tooBig, boolean lineTooLong, long bareLineEnds) {}

    private DataReader() {}

    public static Result read(LineReader in, OutputStream sink, long maxSize, int maxLineLength) throws IOException {
        SizeCountingStream counter = new SizeCountingStream(sink, maxSize);
        CrlfNormalizingOutputStream out = new CrlfNormalizingOutputStream(counter);
        byte[] buf = new byte[Math.max(maxLineLength, 1000) + 2];
        boolean atLineStart = true;
        boolean previousEndedWithCrLf = true; // the DATA command line itself ended with CRLF
        boolean lineTooLong = false;
        int lastByte = -1; // last byte of the previous chunk, for a CR split from its LF
        long lineLength = 0;
        while (true) {
            int n = in.readLineInto(buf, buf.length);
            if (n == 0) {
                throw new EOFException("connection closed during DATA");
            }
            boolean endsLf = buf[n - 1] == '\n';
            int start = 0;
            if (atLineStart) {
                if (endsLf && n == 3 && buf[0] == '.' && buf[1] == '\r' && previousEndedWithCrLf) {
                    break;
                }
                if (buf[0] == '.') {
                    start = 1;
                }
            }
            lineLength += n;
            if (lineLength > maxLineLength) {
                lineTooLong = true;
            }
            out.write(buf, start, n - start);
            if (endsLf) {
                int beforeLf = n >= 2 ? buf[n - 2] : lastByte;
                previousEndedWithCrLf = beforeLf == '\r';
                lineLength = 0;
                atLineStart = true;
            } else {
                atLineStart = false;
            }
            lastByte = buf[n - 1];
        }
        out.finish();
        return new Result(counter.count, counter.count > maxSize, lineTooLong, out.bareLineEnds());
    }

    /** Counts bytes and stops passing them on beyond the limit. */
    static final class SizeCountingStream extends OutputStream {
        private final OutputStream sink;
        private final long max;
        long count;

        SizeCountingStream(OutputStream sink, long max) {
            this.sink = sink;
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            if (++count <= max) {
                sink.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            long room = max - count;
            count += len;
            if (room > 0) {
                sink.write(b, off, (int) Math.min(room, len));
            }
        }
    }
}
