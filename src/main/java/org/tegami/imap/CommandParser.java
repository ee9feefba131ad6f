package org.tegami.imap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a framed command ({@link RawCommand}) into a {@link Command} record (RFC 9051 §9 grammar
 * and the extensions listed on each record). Pure: no I/O, no state beyond the limits, safe to
 * share. The result is always a {@link ReadResult.Parsed} or a {@link ReadResult.Failed} with the
 * tag and a BAD (or, where RFC 9051 says so, NO) text — never an exception.
 *
 * <p>This class handles the command line and the commands of RFC 9051 §6.1 and §6.2 plus ENABLE
 * and ID; the others are in {@link MailboxParser}, {@link MessageParser}, {@link FetchParser} and
 * {@link SearchParser}.
 */
public final class CommandParser {

    private final ImapLimits limits;

    public CommandParser(ImapLimits limits) {
        this.limits = limits;
    }

    public CommandParser() {
        this(ImapLimits.DEFAULT);
    }

    /** Parses one framed command. */
    public ReadResult parse(RawCommand raw) {
        Lexer lx = new Lexer(raw, limits);
        String tag = null;
        try {
            tag = lx.tag();
            lx.sp();
            String name = lx.keyword();
            return new ReadResult.Parsed(dispatch(lx, tag, name));
        } catch (ImapSyntaxException e) {
            return new ReadResult.Failed(CommandError.of(tag, e));
        }
    }

    /** Frames and parses a complete command given as wire bytes (tests, fuzzers, clients). */
    public ReadResult parse(byte[] wire) {
        try {
            return parse(RawCommand.frame(wire));
        } catch (ImapSyntaxException e) {
            return new ReadResult.Failed(CommandError.of(Framing.tag(wire, wire.length), e));
        }
    }

    private Command dispatch(Lexer lx, String tag, String name) throws ImapSyntaxException {
        return switch (name) {
            case "CAPABILITY" -> noArgs(lx, new AnyStateCommand.Capability(tag));
            case "NOOP" -> noArgs(lx, new AnyStateCommand.Noop(tag));
            case "LOGOUT" -> noArgs(lx, new AnyStateCommand.Logout(tag));
            case "ID" -> id(lx, tag);
            case "STARTTLS" -> noArgs(lx, new NotAuthenticatedCommand.StartTls(tag));
            case "AUTHENTICATE" -> authenticate(lx, tag);
            case "LOGIN" -> login(lx, tag);
            case "ENABLE" -> enable(lx, tag);
            case "SELECT", "EXAMINE", "CREATE", "DELETE", "RENAME", "SUBSCRIBE", "UNSUBSCRIBE", "LIST",
                    "LSUB", "STATUS", "APPEND", "GETQUOTA", "GETQUOTAROOT", "SETQUOTA" ->
                    new MailboxParser(lx).parse(tag, name);
            case "NAMESPACE" -> noArgs(lx, new AuthenticatedCommand.Namespace(tag));
            case "IDLE" -> noArgs(lx, new AuthenticatedCommand.Idle(tag));
            case "CHECK" -> noArgs(lx, new SelectedCommand.Check(tag));
            case "CLOSE" -> noArgs(lx, new SelectedCommand.Close(tag));
            case "UNSELECT" -> noArgs(lx, new SelectedCommand.Unselect(tag));
            case "EXPUNGE" -> noArgs(lx, new SelectedCommand.Expunge(tag, null));
            case "UID" -> uid(lx, tag);
            default -> selected(lx, tag, name, false);
        };
    }

    /** RFC 9051 §6.4.9: UID COPY / MOVE / FETCH / SEARCH / STORE / EXPUNGE (and SORT, THREAD). */
    private static Command uid(Lexer lx, String tag) throws ImapSyntaxException {
        lx.sp();
        String name = lx.keyword();
        if (name.equals("EXPUNGE")) {
            lx.sp();
            SequenceSet set = lx.sequenceSet();
            lx.end();
            return new SelectedCommand.Expunge(tag, set);
        }
        return selected(lx, tag, name, true);
    }

    private static Command selected(Lexer lx, String tag, String name, boolean uid) throws ImapSyntaxException {
        return switch (name) {
            case "FETCH" -> new FetchParser(lx).fetch(tag, uid);
            case "SEARCH" -> new SearchParser(lx).search(tag, uid);
            case "SORT" -> new SearchParser(lx).sort(tag, uid);
            case "THREAD" -> new SearchParser(lx).thread(tag, uid);
            case "STORE" -> MessageParser.store(lx, tag, uid);
            case "COPY", "MOVE" -> MessageParser.copyOrMove(lx, tag, uid, name.equals("MOVE"));
            default -> throw Lexer.error("Unknown command " + printable(uid ? "UID " + name : name));
        };
    }

    private static Command noArgs(Lexer lx, Command c) throws ImapSyntaxException {
        lx.end();
        return c;
    }

    /** RFC 2971 §3.3: at most 30 pairs, fields up to 30 octets, values up to 1024. */
    private static Command id(Lexer lx, String tag) throws ImapSyntaxException {
        lx.sp();
        if (lx.peekNil()) {
            lx.atom();
            lx.end();
            return new AnyStateCommand.Id(tag, null);
        }
        lx.expect('(');
        Map<String, String> fields = new LinkedHashMap<>();
        if (!lx.at(')')) {
            while (true) {
                String key = lx.stringUtf8();
                lx.sp();
                String value = lx.nstring();
                if (fields.size() >= 30 || key.length() > 30 || (value != null && value.length() > 1024)) {
                    throw new ImapSyntaxException("ID parameters too long (RFC 2971 §3.3)", ResponseCode.LIMIT, false);
                }
                fields.put(key, value);
                if (!lx.skipSp()) {
                    break;
                }
            }
        }
        lx.expect(')');
        lx.end();
        return new AnyStateCommand.Id(tag, fields);
    }

    /** RFC 9051 §6.2.2 and SASL-IR (RFC 4959 §3): "AUTHENTICATE mech [SP (base64 / "=")]". */
    private static Command authenticate(Lexer lx, String tag) throws ImapSyntaxException {
        lx.sp();
        String mech = lx.keyword();
        String initial = null;
        if (lx.skipSp() && !lx.atEnd()) {
            initial = lx.readWhile(b -> b != ' ');
            if (!initial.equals("=") && !isBase64(initial)) {
                throw Lexer.error("Invalid base64 in initial response");
            }
        }
        lx.end();
        return new NotAuthenticatedCommand.Authenticate(tag, mech, initial);
    }

    /** base64 of RFC 9051 §9: groups of four, "=" padding only at the end. */
    static boolean isBase64(String s) {
        if (s.isEmpty() || s.length() % 4 != 0) {
            return false;
        }
        int pad = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
        for (int i = 0; i < s.length() - pad; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Command login(Lexer lx, String tag) throws ImapSyntaxException {
        lx.sp();
        String user = lx.astring();
        lx.sp();
        String password = lx.astring();
        lx.end();
        return new NotAuthenticatedCommand.Login(tag, user, password);
    }

    /** RFC 9051 §6.3.1: "ENABLE" 1*(SP capability). */
    private static Command enable(Lexer lx, String tag) throws ImapSyntaxException {
        List<String> caps = new ArrayList<>();
        lx.sp();
        caps.add(lx.atom().toUpperCase(Locale.ROOT));
        while (lx.skipSp() && !lx.atEnd()) {
            caps.add(lx.atom().toUpperCase(Locale.ROOT));
            lx.checkItems(caps.size());
        }
        lx.end();
        return new AuthenticatedCommand.Enable(tag, caps);
    }

    /** A command name safe to echo in a reply. */
    static String printable(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) : s;
        StringBuilder sb = new StringBuilder();
        for (char c : t.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }
}
