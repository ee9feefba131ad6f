package org.tegami.imap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decides about a synchronizing literal before its data is read (RFC 9051 §7.5): the server either
 * sends a command continuation request ("+ ...") and the client sends the data, or answers the
 * command at once with a tagged NO/BAD, and the client sends nothing more of it. Typical refusal:
 * APPEND to a mailbox that does not exist ({@code NO [TRYCREATE]}) or over quota.
 */
@FunctionalInterface
public interface LiteralGate {

    /**
     * Called after the literal passed the size limits.
     *
     * @return null after sending the continuation request, or the error that refuses the command
     */
    CommandError beforeLiteral(LiteralRequest request) throws IOException;

    /** Information about the announced literal. */
    record LiteralRequest(String tag, String command, long size, boolean binary, int index, RawCommand partial) {}

    /** A gate that always accepts and writes "+ Ready for literal data" to {@code out}, flushed. */
    static LiteralGate continuation(OutputStream out) {
        byte[] line = "+ Ready for literal data\r\n".getBytes(StandardCharsets.US_ASCII);
        return request -> {
            out.write(line);
            out.flush();
            return null;
        };
    }
}
