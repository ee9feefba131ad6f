package org.tegami.imapserver;

import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.tegami.imap.AuthenticatedCommand;
import org.tegami.imap.CommandReader;
import org.tegami.imap.Response;

/**
 * IDLE (RFC 9051 §6.3.13, RFC 2177): the session thread waits for either a change of the selected
 * mailbox (woken by the change feed, then it reports the change at once) or the client's "DONE",
 * which a second virtual thread reads. An idle connection costs two parked virtual threads and no
 * polling.
 */
final class IdleHandler {

    /** Stands for end of input in the reader's hand-over. */
    private static final Object EOF = new Object();

    private IdleHandler() {}

    static Response.Status idle(ImapSession s, AuthenticatedCommand.Idle c) throws IOException {
        s.send(new Response.Continuation("idling"));
        s.updates(true, true);
        s.flush();
        Thread me = Thread.currentThread();
        AtomicReference<Object> result = new AtomicReference<>();
        s.conn.setTimeout(s.ctx.config().autologout()); // RFC 9051 §5.4: clients re-IDLE within 30 minutes
        s.idler = me;
        Thread.ofVirtual().name("imap-idle").start(() -> {
            Object r;
            try {
                byte[] line = s.reader.readContinuationLine();
                r = line == null ? EOF : line;
            } catch (Throwable t) {
                r = t;
            }
            result.set(r);
            LockSupport.unpark(me);
        });
        try {
            while (result.get() == null && s.state != ImapState.LOGOUT) {
                if (s.dirty.get()) {
                    s.updates(true, false);
                    s.flush();
                } else {
                    LockSupport.park(s);
                }
            }
        } finally {
            s.idler = null;
        }
        if (s.state == ImapState.LOGOUT) {
            return null; // BYE was sent (the selected mailbox was deleted)
        }
        Object r = result.get();
        if (r == EOF) {
            throw new EOFException("closed during IDLE");
        }
        if (r instanceof org.tegami.io.LineTooLongException) {
            return Response.Status.bad(c.tag(), "Line too long; expected DONE");
        }
        if (r instanceof IOException e) {
            throw e;
        }
        if (r instanceof RuntimeException e) {
            throw e;
        }
        if (r instanceof Error e) {
            throw e;
        }
        if (!CommandReader.isDone((byte[]) r)) {
            return Response.Status.bad(c.tag(), "Expected DONE to end IDLE");
        }
        return Response.Status.ok(c.tag(), "IDLE terminated");
    }
}
