package org.tegami.pop3server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;

/**
 * The TRANSACTION-state commands of RFC 1939 §5 and §7: STAT, LIST, UIDL, DELE, RSET, RETR, TOP.
 * Listings come from the {@link Maildrop} loaded at login (no store query per command); message
 * bytes are streamed from the blob file through {@link WireEncoder} (CRLF, dot-stuffing, 8-bit
 * octets untouched).
 */
final class MaildropCommands {

    /**
     * Read size for message content; the buffers (this, twice this for the encoded octets, and,
     * once a file is read, a direct buffer for file reads) are allocated at a session's first
     * RETR/TOP and reused, ~64 KB per retrieving session.
     */
    private static final int CHUNK = 16 * 1024;

    private final Pop3Session s;
    /** Message octets read from the blob file, and the same encoded for the wire. */
    private byte[] chunk;
    private byte[] encoded;
    /**
     * File reads land here: reading into a heap buffer makes the JDK allocate a temporary direct
     * buffer per read on virtual threads (seen in the RETR benchmark's allocation profile).
     */
    private ByteBuffer direct;
    /** chunk as a buffer, for channels that are not files (inline messages). */
    private ByteBuffer heap;

    MaildropCommands(Pop3Session s) {
        this.s = s;
    }

    /** RFC 1939 §5 STAT: "+OK nn mm", deleted messages not counted. */
    void stat() throws IOException {
        Maildrop m = s.maildrop;
        s.reply(Pop3Reply.ok(m.visibleCount() + " " + m.visibleOctets()));
    }

    /** RFC 1939 §5 LIST [msg]: a scan listing "msg octets". */
    void list(Long msg) throws IOException, Pop3Failure {
        Maildrop m = s.maildrop;
        if (msg != null) {
            int i = m.index(msg);
            s.reply(Pop3Reply.ok(msg + " " + m.octets(i)));
            return;
        }
        StringBuilder sb = new StringBuilder(32 + m.size() * 12);
        sb.append("+OK ").append(m.visibleCount()).append(" messages (").append(m.visibleOctets()).append(" octets)\r\n");
        for (int i = 0; i < m.size(); i++) {
            if (m.visible(i)) {
                sb.append(i + 1).append(' ').append(m.octets(i)).append("\r\n");
            }
        }
        sb.append(".\r\n");
        s.write(sb.toString());
    }

    /** RFC 1939 §7 UIDL [msg]: "msg unique-id". */
    void uidl(Long msg) throws IOException, Pop3Failure {
        Maildrop m = s.maildrop;
        if (msg != null) {
            int i = m.index(msg);
            s.reply(Pop3Reply.ok(msg + " " + m.uniqueId(i)));
            return;
        }
        StringBuilder sb = new StringBuilder(32 + m.size() * 24);
        sb.append("+OK Unique-ID listing follows\r\n");
        for (int i = 0; i < m.size(); i++) {
            if (m.visible(i)) {
                sb.append(i + 1).append(' ').append(m.uniqueId(i)).append("\r\n");
            }
        }
        sb.append(".\r\n");
        s.write(sb.toString());
    }

    /** RFC 1939 §5 DELE: only marks; the store changes in the UPDATE state. */
    void dele(long msg) throws IOException, Pop3Failure {
        int i = s.maildrop.index(msg);
        s.maildrop.delete(i);
        s.reply(Pop3Reply.ok("Message " + msg + " deleted"));
    }

    /** RFC 1939 §5 RSET. */
    void rset() throws IOException {
        Maildrop m = s.maildrop;
        m.undeleteAll();
        s.reply(Pop3Reply.ok("Maildrop has " + m.visibleCount() + " messages (" + m.visibleOctets() + " octets)"));
    }

    /** RFC 1939 §5 RETR: "+OK" then the message, dot-stuffed, ending with "." CRLF. */
    void retr(long msg) throws IOException, Pop3Failure {
        int i = s.maildrop.index(msg);
        send(msg, i, null, s.maildrop.octets(i) + " octets");
        s.retrieved++;
    }

    /** RFC 1939 §7 TOP msg n: the header, the blank line, then n body lines. */
    void top(long msg, long lines) throws IOException, Pop3Failure {
        int i = s.maildrop.index(msg);
        send(msg, i, new TopLimit(lines), "Top of message follows");
    }

    private void send(long msg, int i, TopLimit limit, String okText) throws IOException, Pop3Failure {
        ReadableByteChannel file;
        try {
            // Opened before the +OK, so a missing message can still be answered with -ERR. Small
            // messages live in the database, large ones in files: the store hands out either.
            file = s.ctx.blobs().channel(s.maildrop.blob(i));
        } catch (NoSuchFileException e) {
            s.maildrop.markGone(i); // expunged and collected since the listing was loaded
            throw new Pop3Failure("Message " + msg + " was deleted by another session");
        } catch (IOException e) {
            throw new Pop3Failure(ResponseCode.SYS_TEMP, "Cannot read message " + msg + " now, try again later");
        }
        if (chunk == null) {
            chunk = new byte[CHUNK];
            encoded = new byte[WireEncoder.maxEncodedLength(CHUNK)];
            heap = ByteBuffer.wrap(chunk);
        }
        // A file is read through a direct buffer (see direct); an inline message's bytes, already
        // in memory, are copied straight into chunk.
        boolean isFile = file instanceof FileChannel;
        if (isFile && direct == null) {
            direct = ByteBuffer.allocateDirect(CHUNK);
        }
        ByteBuffer into = isFile ? direct : heap;
        try (file) {
            s.reply(Pop3Reply.ok(okText));
            WireEncoder encoder = new WireEncoder();
            OutputStream out = s.conn.out();
            long left = s.maildrop.octets(i); // the blob's exact size: no extra read to find its end
            while (left > 0 && (limit == null || !limit.done())) {
                into.clear().limit((int) Math.min(CHUNK, left));
                int n = file.read(into);
                if (n < 0) {
                    break;
                }
                if (isFile) {
                    direct.flip().get(chunk, 0, n);
                }
                left -= n;
                int take = limit == null ? n : limit.accept(chunk, 0, n);
                out.write(encoded, 0, encoder.encode(chunk, 0, take, encoded, 0));
            }
            // "." CRLF; flushing is left to the session loop (PIPELINING)
            out.write(encoded, 0, encoder.finish(encoded, 0));
        }
        // An I/O error after the +OK propagates: the reply is cut, so the connection must end.
    }
}
