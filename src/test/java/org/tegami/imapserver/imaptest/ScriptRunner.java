package org.tegami.imapserver.imaptest;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tegami.imap.imaptest.ImapArg;
import org.tegami.imap.imaptest.ImapArgParser;
import org.tegami.imap.imaptest.Mbox;
import org.tegami.imap.imaptest.Script;
import org.tegami.testing.ImapTestClient;

/**
 * Runs one imaptest script against a live server over sockets, as Dovecot's imaptest does
 * (test-exec.c): prepares each connection to the script's state (log in, delete and recreate the
 * test mailbox, append the mbox messages with the internal date of their "From " line, select),
 * then sends each command group — pipelined, waiting for "+" before literal data — and checks the
 * tagged replies and the untagged ones (must / must not / may) with imaptest's matching rules.
 */
public final class ScriptRunner {

    /** The test mailbox ("box" setting of imaptest). */
    static final String MAILBOX = "imaptest";

    /** Thrown when the server lacks a capability the script needs: the script is skipped. */
    public static final class Skipped extends Exception {
        Skipped(String why) {
            super(why);
        }
    }

    private final Script script;
    private final int port;
    private final String user;
    private final String password;
    private final List<Message> source;
    private int nextMessage;
    private final org.tegami.imapserver.imaptest.Matcher m = new org.tegami.imapserver.imaptest.Matcher();
    private final List<Conn> conns = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> capabilities = new ArrayList<>();

    /** Set -Dimaptest.trace=true to print the conversation of each group. */
    private static final boolean TRACE = Boolean.getBoolean("imaptest.trace");

    /** One message of the mbox: its bytes (CRLF) and the date of its "From " line. */
    record Message(byte[] data, String date) {}

    /** A connection with the message count it believes (for "$N" and EXPUNGE bookkeeping). */
    private static final class Conn {
        final ImapTestClient c;
        final String greeting;
        int exists;
        int tags;

        Conn(ImapTestClient c, String greeting) {
            this.c = c;
            this.greeting = greeting;
        }
    }

    public ScriptRunner(Script script, int port, String user, String password) throws IOException {
        this.script = script;
        this.port = port;
        this.user = user;
        this.password = password;
        this.source = mbox(script.mbox());
        m.vars.put("user", user);
        m.vars.put("username", user.substring(0, user.indexOf('@')));
        m.vars.put("domain", user.substring(user.indexOf('@') + 1));
        m.vars.put("password", password);
        m.vars.put("mailbox", MAILBOX);
        m.vars.put("mailbox_url", "imap://" + user.substring(0, user.indexOf('@')) + "@127.0.0.1/" + MAILBOX);
        for (int i = 2; i <= script.connections(); i++) {
            m.vars.put("user" + i, user);
            m.vars.put("username" + i, user.substring(0, user.indexOf('@')));
            m.vars.put("domain" + i, user.substring(user.indexOf('@') + 1));
            m.vars.put("password" + i, password);
        }
    }

    private static final Pattern FROM = Pattern.compile(
            "^From \\S+ +\\w{3} (\\w{3}) +(\\d+) (\\d\\d):(\\d\\d)(?::(\\d\\d))? (\\d{4})(?: ([+-]\\d{4}))?.*");

    static List<Message> mbox(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        List<byte[]> messages = Mbox.split(data);
        List<String> dates = new ArrayList<>();
        for (String line : new String(data, StandardCharsets.ISO_8859_1).split("\n")) {
            Matcher fm = FROM.matcher(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            if (line.startsWith("From ") && fm.matches()) {
                String tz = fm.group(7) == null ? "+0000" : fm.group(7);
                String sec = fm.group(5) == null ? "00" : fm.group(5);
                dates.add(String.format(Locale.ROOT, "%2d-%s-%s %s:%s:%s %s", Integer.parseInt(fm.group(2)),
                        fm.group(1), fm.group(6), fm.group(3), fm.group(4), sec, tz));
            }
        }
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            out.add(new Message(messages.get(i), i < dates.size() ? dates.get(i) : null));
        }
        return out;
    }

    /** Runs the script; returns the failures (empty when it passed). */
    public List<String> run() throws IOException, Skipped {
        try {
            setUp();
            for (Script.Group g : script.groups()) {
                group(g);
                if (!failures.isEmpty()) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            failures.add("timed out waiting for the server");
        } finally {
            for (Conn c : conns) {
                c.c.close();
            }
        }
        return failures;
    }

    // ---- preparation ---------------------------------------------------------------------------

    private void setUp() throws IOException, Skipped {
        for (int i = 0; i < script.connections(); i++) {
            ImapTestClient c = new ImapTestClient(port);
            conns.add(new Conn(c, c.greeting()));
        }
        Conn first = conns.get(0);
        if (script.state() == Script.State.NONAUTH) {
            ImapTestClient.Result cap = first.c.command("CAPABILITY");
            checkCapabilities(cap);
            return;
        }
        for (Conn c : conns) {
            ImapTestClient.Result r = c.c.login(user, password);
            if (!r.ok()) {
                throw new IOException("LOGIN failed: " + r.tagged());
            }
        }
        checkCapabilities(first.c.command("CAPABILITY"));
        for (String name : listed(first, "LIST")) {
            first.c.command("DELETE " + ImapTestClient.quote(name));
        }
        for (String name : listed(first, "LSUB")) {
            first.c.command("UNSUBSCRIBE " + ImapTestClient.quote(name));
        }
        if (script.state().compareTo(Script.State.CREATED) >= 0) {
            expectOk(first, "CREATE " + ImapTestClient.quote(MAILBOX));
        }
        if (script.state().compareTo(Script.State.APPENDED) >= 0) {
            int count = script.messages() == null || script.messages() == Script.ALL_MESSAGES
                    ? source.size() : script.messages();
            for (int i = 0; i < count; i++) {
                Message msg = next();
                ImapTestClient.Result r = first.c.commandWithLiteral("APPEND " + ImapTestClient.quote(MAILBOX)
                        + (msg.date() == null ? "" : " \"" + msg.date() + "\""), msg.data(), "");
                if (!r.ok()) {
                    throw new IOException("setup APPEND failed: " + r.tagged());
                }
            }
        }
        if (script.state() == Script.State.SELECTED) {
            for (Conn c : conns) {
                ImapTestClient.Result r = expectOk(c, "SELECT " + ImapTestClient.quote(MAILBOX));
                for (String u : r.untagged()) {
                    track(c, u);
                }
            }
        }
    }

    private void checkCapabilities(ImapTestClient.Result r) throws Skipped {
        for (String u : r.untagged()) {
            if (u.regionMatches(true, 0, "* CAPABILITY ", 0, 13)) {
                for (String cap : u.substring(13).split(" ")) {
                    capabilities.add(cap.toUpperCase(Locale.ROOT));
                }
            }
        }
        for (String need : script.capabilities()) {
            if (!capabilities.contains(need.toUpperCase(Locale.ROOT))) {
                throw new Skipped("server lacks " + need);
            }
        }
    }

    /** Names from "LIST/LSUB "" imaptest*", reverse-sorted as imaptest deletes them. */
    private List<String> listed(Conn c, String cmd) throws IOException {
        ImapTestClient.Result r = c.c.command(cmd + " \"\" \"" + MAILBOX + "*\"");
        List<String> names = new ArrayList<>();
        for (String u : r.untagged()) {
            List<ImapArg> a = ImapArgParser.parse(u.substring(2), false);
            if (a.size() >= 4 && a.get(0) instanceof ImapArg.Atom at && at.text().equalsIgnoreCase(cmd)) {
                names.add(a.get(3) instanceof ImapArg.Str s ? s.text() : ((ImapArg.Atom) a.get(3)).text());
            }
        }
        names.sort((x, y) -> y.compareToIgnoreCase(x));
        return names;
    }

    private ImapTestClient.Result expectOk(Conn c, String command) throws IOException {
        ImapTestClient.Result r = c.c.command(command);
        if (!r.ok()) {
            throw new IOException(command + " failed during setup: " + r.tagged());
        }
        return r;
    }

    private Message next() {
        Message msg = source.get(nextMessage % source.size());
        nextMessage++;
        return msg;
    }

    // ---- command groups ------------------------------------------------------------------------

    private void group(Script.Group g) throws IOException {
        Conn conn = conns.get(g.connection() - 1);
        int[] seqmap = new int[conn.exists];
        for (int i = 0; i < seqmap.length; i++) {
            seqmap[i] = i + 1;
        }
        m.relativeSeq = n -> n == 0 ? "<zero seq>" : n > seqmap.length ? "<out of range>"
                : seqmap[n - 1] == 0 ? "<expunged>" : Integer.toString(seqmap[n - 1]);
        boolean[] found = new boolean[g.untagged().size()];
        String firstExtra = null;
        String where = script.name() + " line " + (g.commands().isEmpty() ? g.untagged().get(0).line()
                : g.commands().get(0).line());
        if (g.commands().isEmpty()) {
            // banner check: the greeting is the untagged reply
            firstExtra = untagged(g, found, conn.greeting, null);
            finish(g, found, firstExtra, where);
            return;
        }
        Map<String, Script.Command> pending = new LinkedHashMap<>();
        List<String> early = new ArrayList<>();
        for (Script.Command cmd : g.commands()) {
            String tag = (g.connection()) + "." + (++conn.tags);
            pending.put(tag, cmd);
            send(conn, tag, cmd, early);
        }
        String firstTag = pending.keySet().iterator().next();
        boolean bye = false;
        List<String> queue = new ArrayList<>(early);
        while (!pending.isEmpty()) {
            String r;
            if (!queue.isEmpty()) {
                r = queue.remove(0);
            } else {
                r = conn.c.readResponse();
            }
            if (r == null) {
                boolean byeExpected = g.untagged().stream().anyMatch(u -> u.existence() == Script.Existence.MUST
                        && !u.args().isEmpty() && u.args().get(0) instanceof ImapArg.Atom a
                        && a.text().equalsIgnoreCase("bye"));
                if (!(bye && byeExpected) && !(bye && isLogout(pending))) {
                    failures.add(where + ": unexpected disconnection");
                }
                break;
            }
            if (TRACE) {
                System.out.println("S" + g.connection() + ": " + r);
            }
            if (r.startsWith("+")) {
                continue; // continuation for a literal we already sent
            }
            String tag = r.indexOf(' ') > 0 ? r.substring(0, r.indexOf(' ')) : r;
            if (pending.containsKey(tag)) {
                tagged(where, tag, pending.remove(tag), r.substring(tag.length() + 1));
                continue;
            }
            if (r.startsWith("* ")) {
                if (r.regionMatches(true, 2, "BYE", 0, 3)) {
                    bye = true;
                }
                String extra = untagged(g, found, r, firstTag);
                if (extra != null && firstExtra == null) {
                    firstExtra = extra;
                }
                int[] map = seqmap;
                trackExpunge(conn, r, map);
                continue;
            }
            failures.add(where + ": unexpected line from the server: " + r);
            return;
        }
        finish(g, found, firstExtra, where);
    }

    private static boolean isLogout(Map<String, Script.Command> pending) {
        return pending.values().stream().anyMatch(c -> c.text().equalsIgnoreCase("logout"));
    }

    private void finish(Script.Group g, boolean[] found, String firstExtra, String where) {
        for (int i = 0; i < found.length; i++) {
            Script.Untagged u = g.untagged().get(i);
            if (u.existence() == Script.Existence.MUST && !found[i]) {
                failures.add(where + ": missing untagged reply (script line " + u.line() + "): " + u.args());
                break;
            }
        }
        if (!script.ignoreExtraUntagged() && firstExtra != null) {
            failures.add(where + ": unexpected untagged reply: " + firstExtra);
        }
        if (g.sleep() != null) {
            try {
                Thread.sleep(g.sleep().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sends one command, expanding variables and waiting for "+" before each literal's data. */
    private void send(Conn conn, String tag, Script.Command cmd, List<String> early) throws IOException {
        String text = expandCommand(cmd.text());
        if (text.equalsIgnoreCase("append") || text.regionMatches(true, 0, "append ", 0, 7) && !hasBody(text)) {
            Message msg = next();
            String args = text.length() > 7 ? text.substring(7) : ImapTestClient.quote(MAILBOX)
                    + (msg.date() == null ? "" : " \"" + msg.date() + "\"");
            text = "APPEND " + args + " {" + msg.data().length + "}\r\n"
                    + new String(msg.data(), StandardCharsets.ISO_8859_1);
        }
        byte[] wire = (tag + " " + text).getBytes(StandardCharsets.ISO_8859_1);
        if (TRACE) {
            System.out.println("C" + conns.indexOf(conn) + ": " + (text.length() > 300 ? text.substring(0, 300) + "..." : text));
        }
        int pos = 0;
        while (true) {
            int lit = literalAt(wire, pos);
            if (lit < 0) {
                conn.c.sendBytes(java.util.Arrays.copyOfRange(wire, pos, wire.length));
                conn.c.send("\r\n");
                return;
            }
            int lineEnd = indexOf(wire, (byte) '\n', lit);
            int size = literalSize(wire, lit);
            conn.c.sendBytes(java.util.Arrays.copyOfRange(wire, pos, lineEnd + 1));
            if (!nonSync(wire, lit)) {
                while (true) {
                    String r = conn.c.readResponse();
                    if (r == null) {
                        return;
                    }
                    if (r.startsWith("+")) {
                        break;
                    }
                    early.add(r);
                    if (r.startsWith(tag + " ")) {
                        return; // refused: the data is not sent
                    }
                }
            }
            conn.c.sendBytes(java.util.Arrays.copyOfRange(wire, lineEnd + 1, lineEnd + 1 + size));
            pos = lineEnd + 1 + size;
        }
    }

    /** Whether a script APPEND has its own message data (literal) after mailbox, flags, date. */
    private static boolean hasBody(String text) {
        return text.contains("{") && (text.contains("}\r\n"));
    }

    private static final Pattern LITERAL = Pattern.compile("~?\\{(\\d+)(\\+?)\\}\r\n");

    /** Index of the next literal announcement "{n}\r\n" at or after pos, or -1. */
    private static int literalAt(byte[] wire, int pos) {
        Matcher lm = LITERAL.matcher(new String(wire, pos, wire.length - pos, StandardCharsets.ISO_8859_1));
        return lm.find() ? pos + lm.start() : -1;
    }

    private static int literalSize(byte[] wire, int at) {
        Matcher lm = LITERAL.matcher(new String(wire, at, Math.min(40, wire.length - at), StandardCharsets.ISO_8859_1));
        lm.lookingAt();
        return Integer.parseInt(lm.group(1));
    }

    private static boolean nonSync(byte[] wire, int at) {
        Matcher lm = LITERAL.matcher(new String(wire, at, Math.min(40, wire.length - at), StandardCharsets.ISO_8859_1));
        lm.lookingAt();
        return !lm.group(2).isEmpty();
    }

    private static int indexOf(byte[] a, byte b, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Expands $variables outside literal data ("$$" is "$"), as test_expand_all. */
    private String expandCommand(String text) {
        StringBuilder out = new StringBuilder();
        Matcher lm = LITERAL.matcher(text);
        int pos = 0;
        while (lm.find(pos)) {
            out.append(expandVars(text.substring(pos, lm.end())));
            int n = Integer.parseInt(lm.group(1));
            out.append(text, lm.end(), Math.min(text.length(), lm.end() + n));
            pos = Math.min(text.length(), lm.end() + n);
        }
        return out.append(expandVars(text.substring(pos))).toString();
    }

    private String expandVars(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '$' || i + 1 >= s.length()) {
                out.append(c);
                i++;
                continue;
            }
            char n = s.charAt(i + 1);
            if (n == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            if (n == '!') {
                int sp = s.indexOf(' ', i);
                i = sp < 0 ? s.length() : sp + 1;
                continue;
            }
            String name;
            int end;
            if (n == '{') {
                int close = s.indexOf('}', i + 2);
                name = s.substring(i + 2, close);
                end = close + 1;
            } else {
                end = i + 1;
                while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
                    end++;
                }
                name = s.substring(i + 1, end);
            }
            String v = name.chars().allMatch(Character::isDigit) && !name.isEmpty()
                    ? m.relativeSeq.apply(Integer.parseInt(name)) : m.vars.get(name);
            if (v == null) {
                failures.add(script.name() + ": uninitialized variable $" + name);
                v = "$" + name;
            }
            out.append(v);
            i = end;
        }
        return out.toString();
    }

    private void tagged(String where, String tag, Script.Command cmd, String rest) {
        Script.Reply want = cmd.reply();
        List<ImapArg> got = ImapArgParser.parse(rest, false);
        String status = got.isEmpty() || !(got.get(0) instanceof ImapArg.Atom a) ? "" : a.text().toUpperCase(Locale.ROOT);
        if (want.status() != Script.Status.ANY && !want.status().name().equals(status)) {
            failures.add(where + " (script line " + cmd.line() + "): " + cmd.text().split("\r\n")[0]
                    + " -> expected " + want.status() + ", got: " + tag + " " + rest);
            return;
        }
        if (!want.rest().isEmpty()) {
            m.vars.put("tag", tag);
            Map<String, String> snap = m.snapshot();
            int r = m.args(want.rest(), got.subList(Math.min(1, got.size()), got.size()), Integer.MAX_VALUE, true);
            m.vars.remove("tag");
            if (r != org.tegami.imapserver.imaptest.Matcher.ALL) {
                m.restore(snap);
                failures.add(where + " (script line " + cmd.line() + "): expected tagged reply " + want.status() + " "
                        + want.rest() + ", got: " + tag + " " + rest);
            }
        }
    }

    /** Matches one untagged reply; returns it when it matched no expectation (an "extra" reply). */
    private String untagged(Script.Group g, boolean[] found, String response, String tag) {
        List<ImapArg> args;
        try {
            args = ImapArgParser.parse(response.substring(2), false);
        } catch (IllegalArgumentException e) {
            failures.add(script.name() + ": unparsable reply: " + response);
            return response;
        }
        boolean prefix = !args.isEmpty() && args.get(0) instanceof ImapArg.Atom a
                && List.of("OK", "NO", "BAD", "BYE").contains(a.text().toUpperCase(Locale.ROOT));
        boolean any = false;
        for (int i = 0; i < found.length; i++) {
            if (found[i]) {
                continue;
            }
            Script.Untagged u = g.untagged().get(i);
            if (tag != null) {
                m.vars.put("tag", tag);
            }
            Map<String, String> snap = m.snapshot();
            int r = m.args(u.args(), args, Integer.MAX_VALUE, prefix);
            m.vars.remove("tag");
            if (r == org.tegami.imapserver.imaptest.Matcher.ALL) {
                if (u.existence() == Script.Existence.MUST_NOT) {
                    failures.add(script.name() + " line " + u.line() + ": unexpected reply: " + response);
                    return null;
                }
                found[i] = true;
                any = true;
                if (g.ordered()) {
                    break;
                }
                continue;
            }
            m.restore(snap);
            if (g.ordered() && u.existence() == Script.Existence.MUST) {
                break;
            }
        }
        return any ? null : response;
    }

    /** EXISTS/EXPUNGE bookkeeping of what the connection believes, after matching (as imaptest). */
    private static void trackExpunge(Conn conn, String r, int[] seqmap) {
        List<ImapArg> a;
        try {
            a = ImapArgParser.parse(r.substring(2), false);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (a.size() >= 2 && a.get(0) instanceof ImapArg.Atom n && a.get(1) instanceof ImapArg.Atom kind
                && n.text().chars().allMatch(Character::isDigit) && !n.text().isEmpty()) {
            int seq = Integer.parseInt(n.text());
            if (kind.text().equalsIgnoreCase("EXPUNGE")) {
                for (int i = 0; i < seqmap.length; i++) {
                    if (seqmap[i] == seq) {
                        seqmap[i] = 0;
                    } else if (seqmap[i] > seq) {
                        seqmap[i]--;
                    }
                }
                conn.exists = Math.max(0, conn.exists - 1);
            } else if (kind.text().equalsIgnoreCase("EXISTS")) {
                conn.exists = seq;
            }
        }
    }

    private static void track(Conn conn, String r) {
        trackExpunge(conn, r, new int[0]);
    }

    static Map<String, String> emptyVars() {
        return new HashMap<>();
    }
}
