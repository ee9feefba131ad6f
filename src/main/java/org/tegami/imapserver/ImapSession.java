package org.tegami.imapserver;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.imap.AnyStateCommand;
import org.tegami.imap.AuthenticatedCommand;
import org.tegami.imap.Command;
import org.tegami.imap.CommandError;
import org.tegami.imap.CommandReader;
import org.tegami.imap.ImapWriter;
import org.tegami.imap.LiteralGate;
import org.tegami.imap.LiteralMode;
import org.tegami.imap.NotAuthenticatedCommand;
import org.tegami.imap.ReadResult;
import org.tegami.imap.Response;
import org.tegami.imap.ResponseCode;
import org.tegami.imap.ResponseEncoder;
import org.tegami.imap.SelectedCommand;
import org.tegami.io.LineTooLongException;
import org.tegami.store.Account;
import org.tegami.store.Mailbox;
import org.tegami.store.MailboxChanges;
import org.tegami.store.StoreException;

/**
 * One IMAP connection (RFC 9051 §3): the state machine, the command loop, and the points where
 * other sessions' changes are reported. Each field says why it exists; commands are carried out
 * by one handler class per command or family; failures become replies in {@link Failures}.
 *
 * <p>Replies to pipelined commands are collected and flushed once the client waits for input
 * (one write per batch, TCP_NODELAY is on).
 */
final class ImapSession {

    static final Logger LOG = LoggerFactory.getLogger("tegami.imap");

    final ImapContext ctx;
    final Transport conn;
    /** Where we are (RFC 9051 §3); decides which commands are allowed. */
    ImapState state = ImapState.NOT_AUTHENTICATED;
    /** Frames commands and literals from the connection's line reader, within the limits. */
    final CommandReader reader;
    /** The output stream whose blocked writes the watchdog times out; replaced after STARTTLS. */
    private TimedOutputStream timed;
    private WriteWatchdog.Watched watched;
    /** Collects replies in one buffer; flushed when the client waits. */
    ImapWriter out;
    /** The authenticated account; null before LOGIN/AUTHENTICATE. */
    Account account;
    /** The selected mailbox's view; null unless SELECTED. */
    SelectedMailbox selected;
    /** ENABLE IMAP4rev2 (RFC 9051 §6.3.1): UTF-8 names and strings, ESEARCH, no \Recent. */
    boolean rev2;
    /** CONDSTORE enabled by ENABLE or a CONDSTORE-enabling command (RFC 7162 §3.1): MODSEQ in FETCH. */
    boolean condstore;
    /** ENABLE QRESYNC (RFC 7162 §3.2): VANISHED instead of EXPUNGE. */
    boolean qresync;
    /** BAD replies so far; at the configured limit the session ends with BYE. */
    private int badCommands;
    /** UIDs saved by SEARCH RETURN (SAVE) for "$" (RFC 5182). */
    long[] savedSearch = new long[0];
    /** Set by the change feed when the selected mailbox changed; cleared when read. */
    final AtomicBoolean dirty = new AtomicBoolean();
    /** The thread to wake while it waits in IDLE, else null. */
    volatile Thread idler;
    /** Our registration with the change feed while a mailbox is selected. */
    private final ChangeFeed.Waker waker = change -> {
        dirty.set(true);
        Thread t = idler;
        if (t != null) {
            LockSupport.unpark(t);
        }
    };

    ImapSession(ImapContext ctx, Transport conn) {
        this.ctx = ctx;
        this.conn = conn;
        this.reader = new CommandReader(conn.in(), ctx.limits(), LiteralMode.LITERAL_PLUS, this::beforeLiteral);
        setOutput();
    }

    /** (Re)creates the writer on the connection's current output stream (after STARTTLS too). */
    void setOutput() {
        ctx.watchdog().unwatch(watched);
        timed = new TimedOutputStream(conn.out());
        watched = ctx.watchdog().watch(conn, timed);
        out = new ImapWriter(timed).utf8(rev2);
    }

    void run() throws IOException {
        try {
            send(new Response.Status(null, Response.Kind.OK, new ResponseCode.Capability(Capabilities.of(this)),
                    ctx.hostname() + " Tegami IMAP4rev2 ready"));
            loop();
        } catch (SocketTimeoutException e) {
            bye("Autologout; idle for too long");
        } catch (EOFException e) {
            // the client went away
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof IOException)) {
                throw e;
            }
        } finally {
            deselect();
            ctx.watchdog().unwatch(watched);
            try {
                out.flush();
            } catch (IOException | RuntimeException ignored) {
                // the client is gone
            }
        }
    }

    private void loop() throws IOException {
        while (state != ImapState.LOGOUT) {
            if (!conn.in().hasPending()) {
                out.flush();
            }
            conn.setTimeout(state == ImapState.NOT_AUTHENTICATED ? ctx.config().loginTimeout() : ctx.config().autologout());
            // Before login, a whole command (with its literals) must arrive within login_timeout, so a
            // client trickling a byte at a time (slowloris) is cut as surely as a silent one. After
            // login the idle timeout applies per read: an APPEND of a large message on a slow link
            // may rightly take longer than any fixed bound.
            if (state == ImapState.NOT_AUTHENTICATED) {
                conn.setDeadline(ctx.config().loginTimeout());
            }
            ReadResult r = reader.read();
            conn.clearDeadline();
            switch (r) {
                case ReadResult.Closed c -> state = ImapState.LOGOUT;
                case ReadResult.Failed f -> rejected(f.error());
                case ReadResult.Parsed p -> execute(p.command());
            }
        }
        out.flush();
    }

    /** A command the reader or parser refused (syntax, limits, refused literal). */
    private void rejected(CommandError e) throws IOException {
        if (e.no()) {
            send(e.toResponse());
        } else {
            bad(e.toResponse());
        }
        if (e.fatal() && state != ImapState.LOGOUT) {
            bye("Cannot stay in step with the client's input");
        }
    }

    private void execute(Command c) throws IOException {
        if (!state.allows(c)) {
            bad(Response.Status.bad(c.tag(), state.refusal(c)));
            return;
        }
        Response.Status done;
        try {
            done = dispatch(c);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            done = Failures.toResponse(c.tag(), e, conn.id(), c.name());
        }
        if (done == null) {
            return; // the handler answered (IDLE, STARTTLS, LOGOUT)
        }
        if (selected != null && state == ImapState.SELECTED) {
            updates(allowsExpunge(c), false);
            if (state == ImapState.LOGOUT) {
                return; // BYE was sent (the selected mailbox was deleted)
            }
        }
        if (done.kind() == Response.Kind.BAD) {
            bad(done);
        } else {
            send(done);
        }
    }

    /** RFC 9051 §7.5.1: no EXPUNGE while answering FETCH, STORE or SEARCH (the UID forms may). */
    private static boolean allowsExpunge(Command c) {
        return switch (c) {
            case SelectedCommand.Fetch f -> f.uid();
            case SelectedCommand.Store s -> s.uid();
            case SelectedCommand.Search s -> s.uid();
            case SelectedCommand.Sort s -> s.uid();
            case SelectedCommand.Thread t -> t.uid();
            default -> true;
        };
    }

    private Response.Status dispatch(Command c) throws IOException {
        return switch (c) {
            case AnyStateCommand.Capability cap -> InfoHandler.capability(this, cap);
            case AnyStateCommand.Noop n -> InfoHandler.noop(this, n.tag());
            case AnyStateCommand.Logout l -> InfoHandler.logout(this, l);
            case AnyStateCommand.Id id -> InfoHandler.id(this, id);
            case NotAuthenticatedCommand.StartTls s -> AuthHandler.startTls(this, s);
            case NotAuthenticatedCommand.Login l -> AuthHandler.login(this, l);
            case NotAuthenticatedCommand.Authenticate a -> AuthHandler.authenticate(this, a);
            case AuthenticatedCommand.Enable e -> EnableHandler.enable(this, e);
            case AuthenticatedCommand.Select s -> SelectHandler.select(this, s);
            case AuthenticatedCommand.Create cr -> MailboxHandler.create(this, cr);
            case AuthenticatedCommand.Delete d -> MailboxHandler.delete(this, d);
            case AuthenticatedCommand.Rename r -> MailboxHandler.rename(this, r);
            case AuthenticatedCommand.Subscribe s -> MailboxHandler.subscribe(this, s.tag(), s.mailbox(), true);
            case AuthenticatedCommand.Unsubscribe u -> MailboxHandler.subscribe(this, u.tag(), u.mailbox(), false);
            case AuthenticatedCommand.ListMailboxes l -> ListHandler.list(this, l);
            case AuthenticatedCommand.Lsub l -> ListHandler.lsub(this, l);
            case AuthenticatedCommand.Namespace n -> InfoHandler.namespace(this, n);
            case AuthenticatedCommand.Status s -> StatusHandler.status(this, s);
            case AuthenticatedCommand.Append a -> AppendHandler.append(this, a);
            case AuthenticatedCommand.Idle i -> IdleHandler.idle(this, i);
            case AuthenticatedCommand.GetQuota q -> QuotaHandler.getQuota(this, q);
            case AuthenticatedCommand.GetQuotaRoot q -> QuotaHandler.getQuotaRoot(this, q);
            case AuthenticatedCommand.SetQuota q -> QuotaHandler.setQuota(this, q);
            case SelectedCommand.Check ch -> InfoHandler.noop(this, ch.tag());
            case SelectedCommand.Close cl -> ExpungeHandler.close(this, cl);
            case SelectedCommand.Unselect u -> ExpungeHandler.unselect(this, u);
            case SelectedCommand.Expunge e -> ExpungeHandler.expunge(this, e);
            case SelectedCommand.Search s -> SearchHandler.search(this, s);
            case SelectedCommand.Fetch f -> FetchHandler.fetch(this, f);
            case SelectedCommand.Store s -> StoreHandler.store(this, s);
            case SelectedCommand.Copy cp -> CopyMoveHandler.copy(this, cp.tag(), cp.uid(), cp.set(), cp.mailbox(), false);
            case SelectedCommand.Move mv -> CopyMoveHandler.copy(this, mv.tag(), mv.uid(), mv.set(), mv.mailbox(), true);
            case SelectedCommand.Sort s -> SortHandler.sort(this, s);
            case SelectedCommand.Thread t -> ThreadHandler.thread(this, t);
        };
    }

    // ---- the selected mailbox ------------------------------------------------------------------

    /**
     * Selects a mailbox: registers for its changes first (so nothing is missed), then builds the
     * view on the snapshot the sessions of this mailbox share.
     */
    SelectedMailbox select(String name, Mailbox mb, boolean readOnly) {
        deselect();
        ctx.feed().attach(mb.id(), waker);
        try {
            Snapshot snap = ctx.feed().snapshot(mb.id(), mb.uidValidity(), mb.highestModSeq(),
                    () -> Snapshot.of(ctx.store().view(mb.id())));
            selected = new SelectedMailbox(name, snap, readOnly);
            state = ImapState.SELECTED;
            return selected;
        } catch (RuntimeException e) {
            ctx.feed().detach(mb.id(), waker);
            throw e;
        }
    }

    /** Leaves the selected state (CLOSE, UNSELECT, failed SELECT, logout). */
    void deselect() {
        if (selected != null) {
            ctx.feed().detach(selected.id, waker);
            selected = null;
        }
        if (state == ImapState.SELECTED) {
            state = ImapState.AUTHENTICATED;
        }
    }

    SelectedMailbox selected() {
        if (selected == null) {
            throw ImapFailure.bad("No mailbox selected");
        }
        return selected;
    }

    /**
     * Brings the view up to date with the store (when the feed said it changed, or {@code force})
     * and announces what the client may be told now.
     */
    void updates(boolean allowExpunge, boolean force) {
        SelectedMailbox sel = selected;
        if (sel == null) {
            return;
        }
        if (dirty.getAndSet(false) || force) {
            MailboxChanges ch;
            try {
                ch = ctx.feed().changesSince(sel.id, sel.watermark);
            } catch (StoreException e) {
                if (e.kind() == StoreException.Kind.NOT_FOUND) {
                    deselect();
                    bye("The selected mailbox was deleted");
                    return;
                }
                throw e;
            }
            int firstNew = sel.apply(ch);
            if (firstNew >= 0 && tracksRecent()) {
                long from = ctx.recent().claim(sel.id, sel.storedFirstRecent, sel.maxUid() + 1);
                sel.markRecentFromUid(from);
            }
        }
        if (sel.hasPending(allowExpunge)) {
            sel.announce(allowExpunge, new Announcements(this, sel));
        }
    }

    /** \Recent is claimed by IMAP4rev1 sessions with a read-write selection (RFC 3501 §6.3.2). */
    boolean tracksRecent() {
        return !rev2 && selected != null && !selected.readOnly;
    }

    // ---- output --------------------------------------------------------------------------------

    void send(Response r) {
        ResponseEncoder.write(out, r);
    }

    void flush() throws IOException {
        out.flush();
    }

    /** Sends a BAD reply and counts it; too many end the session. */
    void bad(Response.Status r) throws IOException {
        send(r);
        badCommands++;
        if (badCommands >= ctx.config().maxBadCommands() && state != ImapState.LOGOUT) {
            LOG.info("c={} ip={} closed after {} bad commands", conn.id(), ip(), badCommands);
            bye("Too many invalid commands");
        }
    }

    /** "* BYE text", flushed; the session ends. */
    void bye(String text) {
        try {
            send(Response.Status.bye(text));
            out.flush();
        } catch (IOException | UncheckedIOException e) {
            // the client is gone
        }
        state = ImapState.LOGOUT;
    }

    String ip() {
        return conn.remoteAddress().getHostAddress();
    }

    /** Mailbox names as this client writes and reads them. */
    boolean utf8Names() {
        return rev2;
    }

    String wireName(String stored) {
        return MailboxNames.toWire(stored, utf8Names());
    }

    String storedName(String wire) {
        return MailboxNames.fromWire(wire, utf8Names());
    }

    long accountId() {
        return account.id();
    }

    // ---- literals ------------------------------------------------------------------------------

    /**
     * Before a synchronizing literal (RFC 9051 §7.5): refuse at once what would fail anyway, so the
     * client does not send the data — APPEND to a missing mailbox (TRYCREATE), over quota, or a
     * password literal while LOGIN is disabled — else send "+".
     */
    private CommandError beforeLiteral(LiteralGate.LiteralRequest r) throws IOException {
        CommandError refusal = switch (r.command()) {
            case "LOGIN" -> AuthHandler.loginAllowed(this) ? null
                    : CommandError.no(r.tag(), ResponseCode.PRIVACYREQUIRED, AuthHandler.PLAINTEXT_REFUSED);
            case "APPEND" -> state == ImapState.NOT_AUTHENTICATED ? null : AppendHandler.beforeLiteral(this, r);
            default -> null;
        };
        if (refusal != null) {
            return refusal;
        }
        out.raw("+ Ready for literal data").crlf();
        out.flush();
        return null;
    }

    /** Reads one line of a continuation exchange (AUTHENTICATE, IDLE), within the line limit. */
    byte[] readContinuationLine(Duration timeout) throws IOException {
        conn.setTimeout(timeout);
        try {
            return reader.readContinuationLine();
        } catch (LineTooLongException e) {
            throw ImapFailure.bad("Line too long");
        }
    }

    List<String> capabilities() {
        return Capabilities.of(this);
    }
}
