package org.tegami.pop3server;

/**
 * Sans-I/O extent of RFC 1939 §7 TOP msg n: the header, the blank line separating it from the
 * body, then the first n body lines. Fed the message in chunks; says how much of each chunk
 * belongs to the answer. A message without a body, or with fewer than n body lines, is sent whole
 * ("If the number of lines requested ... is greater than the number of lines in the body, then
 * the POP3 server sends the entire message").
 */
final class TopLimit {

    private long bodyLinesLeft;
    private boolean inHeader = true;
    /** Octets of the current line so far, its terminator excluded. */
    private long lineLength;
    private boolean lastWasCr;
    private boolean done;

    TopLimit(long bodyLines) {
        this.bodyLinesLeft = bodyLines;
    }

    /** True once the extent is complete: nothing more is to be sent. */
    boolean done() {
        return done;
    }

    /** How many of the len octets at off belong to the answer (all of them, unless it ends inside). */
    int accept(byte[] b, int off, int len) {
        if (done) {
            return 0;
        }
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c != '\n') {
                lastWasCr = c == '\r';
                lineLength++;
                continue;
            }
            boolean empty = lineLength == 0 || (lineLength == 1 && lastWasCr);
            lineLength = 0;
            lastWasCr = false;
            if (inHeader) {
                if (empty) {
                    inHeader = false; // RFC 5322 §2.1: the first empty line ends the header
                    if (bodyLinesLeft == 0) {
                        done = true;
                        return i - off + 1;
                    }
                }
            } else if (--bodyLinesLeft == 0) {
                done = true;
                return i - off + 1;
            }
        }
        return len;
    }
}
