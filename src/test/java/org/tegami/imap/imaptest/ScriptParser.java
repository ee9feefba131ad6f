package org.tegami.imap.imaptest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads an imaptest script (scripted_test.md) into a {@link Script}: header settings, "#"
 * comments, "{{{ ... }}}" multi-line literals ("~{{{" for literal8), !ifenv/!ifnenv/!else/!endif,
 * the three ways of writing commands and replies (with tags "tagN" for pipelining and connection
 * numbers when there are several), "*", "!" and "?" untagged expectations, !ordered, !sleep,
 * !output, and the "$!" list directives with imaptest's defaults.
 */
public final class ScriptParser {

    private static final int MAX_CONNECTIONS = 100;

    private final Path file;
    private final Function<String, String> env;

    // header
    private final List<String> capabilities = new ArrayList<>();
    private int connections = 1;
    private Integer messages;
    private Script.State state = Script.State.SELECTED;
    private boolean ignoreExtraUntagged = true;
    private final Map<Integer, String> users = new HashMap<>();
    private boolean bannerCheck;

    // body
    private final List<GroupBuilder> groups = new ArrayList<>();
    private GroupBuilder group;
    private final Deque<IfEnv> ifenv = new ArrayDeque<>();
    private boolean skip;

    private record IfEnv(int line, boolean skipBefore, boolean[] elseSeen) {}

    private static final class GroupBuilder {
        int connection = 1;
        final List<Script.Command> commands = new ArrayList<>();
        final List<Script.Untagged> untagged = new ArrayList<>();
        boolean ordered;
        Duration sleep;
        final List<String> output = new ArrayList<>();
        int pending;
        boolean bye;

        Script.Group build() {
            return new Script.Group(connection, commands, untagged, ordered, sleep, output);
        }
    }

    private ScriptParser(Path file, Function<String, String> env) {
        this.file = file;
        this.env = env;
    }

    /** Parses a script; {@code !ifenv} looks at the process environment. */
    public static Script parse(Path file) throws IOException, ScriptSyntaxException {
        return parse(file, System::getenv);
    }

    /** Parses a script; {@code env} answers !ifenv/!ifnenv (null: not set). */
    public static Script parse(Path file, Function<String, String> env) throws IOException, ScriptSyntaxException {
        ScriptParser p = new ScriptParser(file, env);
        p.read(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        return p.build();
    }

    private ScriptSyntaxException error(int line, String message) {
        return new ScriptSyntaxException(file.getFileName() + " line " + line + ": " + message);
    }

    /** Splits lines, joins multi-line literals, and feeds header and command lines. */
    private void read(String text) throws ScriptSyntaxException {
        boolean header = true;
        boolean continues = false;
        boolean binary = false;
        StringBuilder multi = new StringBuilder();
        int startPos = 0;
        int lastLineEnd = 0;
        int startLine = 0;
        int lineNo = 0;
        int pos = 0;
        while (pos < text.length()) {
            int lf = text.indexOf('\n', pos);
            if (lf < 0) {
                throw error(lineNo + 1, "last line doesn't end with LF");
            }
            boolean crlf = lf > pos && text.charAt(lf - 1) == '\r';
            String line = text.substring(pos, crlf ? lf - 1 : lf);
            pos = lf + 1;
            lineNo++;
            if (continues) {
                if (!line.startsWith("}}}")) {
                    multi.append(line);
                    if (binary && crlf) {
                        multi.append('\r'); // literal8 data is raw: only the LF is the script's line break
                    }
                    lastLineEnd = multi.length();
                    multi.append(binary ? "\n" : "\r\n");
                    continue;
                }
                // The line break before "}}}" is not part of the literal.
                multi.setLength(lastLineEnd);
                String rest = line.substring(3);
                multi.insert(startPos, (binary ? "~{" : "{") + (multi.length() - startPos) + "}\r\n");
                if (rest.endsWith("{{{")) {
                    binary = rest.length() > 3 && rest.charAt(rest.length() - 4) == '~';
                    multi.append(rest, 0, rest.length() - (binary ? 4 : 3));
                    startPos = multi.length();
                    lastLineEnd = multi.length();
                    continue;
                }
                multi.append(rest);
                line = multi.toString();
                continues = false;
            } else {
                startLine = lineNo;
                if (line.isEmpty()) {
                    header = false;
                    continue;
                }
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.endsWith("{{{")) {
                    multi.setLength(0);
                    binary = line.length() > 3 && line.charAt(line.length() - 4) == '~';
                    multi.append(line, 0, line.length() - (binary ? 4 : 3));
                    startPos = multi.length();
                    lastLineEnd = multi.length();
                    continues = true;
                    continue;
                }
            }
            if (header) {
                headerLine(startLine, line);
            } else {
                commandLine(startLine, line);
            }
        }
        if (continues) {
            throw error(startLine, "multi-line literal not ended");
        }
        if (groups.isEmpty()) {
            throw error(lineNo, "no commands in file");
        }
        if (group != null && group.pending > 0) {
            throw error(lineNo, "missing reply for the last command");
        }
        if (!ifenv.isEmpty()) {
            throw error(ifenv.peek().line(), "!ifenv not closed with !endif");
        }
    }

    private void headerLine(int line, String text) throws ScriptSyntaxException {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw error(line, "missing ':' in header");
        }
        String key = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).strip();
        switch (key) {
            case "capabilities" -> {
                for (String c : value.split(" +")) {
                    if (!c.isEmpty()) {
                        capabilities.add(c);
                    }
                }
            }
            case "connections" -> {
                connections = leadingNumber(value);
                if (connections < 1 || connections > MAX_CONNECTIONS) {
                    throw error(line, "bad connection count");
                }
            }
            case "ignore_extra_untagged" -> ignoreExtraUntagged = value.startsWith("y");
            case "messages" -> messages = value.equals("all") ? Script.ALL_MESSAGES : leadingNumber(value);
            case "state" -> {
                try {
                    state = Script.State.valueOf(value.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw error(line, "unknown state " + value);
                }
            }
            default -> {
                if (key.startsWith("user ") && leadingNumber(key.substring(5)) > 0) {
                    int n = leadingNumber(key.substring(5));
                    if (n > MAX_CONNECTIONS) {
                        throw error(line, "bad connection number");
                    }
                    users.put(n, value);
                } else {
                    throw error(line, "unknown setting " + key);
                }
            }
        }
    }

    private static int leadingNumber(String s) {
        int n = 0;
        for (int i = 0; i < s.length() && Character.isDigit(s.charAt(i)) && n < 1_000_000; i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return n;
    }

    private boolean preprocess(int line, String text) throws ScriptSyntaxException {
        if (text.startsWith("!ifenv ") || text.startsWith("!ifnenv ")) {
            boolean negate = text.startsWith("!ifnenv ");
            String name = text.substring(negate ? 8 : 7);
            boolean set = env.apply(name) != null;
            ifenv.push(new IfEnv(line, skip, new boolean[1]));
            if (set == negate) {
                skip = true;
            }
            return true;
        }
        if (text.equals("!else")) {
            if (ifenv.isEmpty()) {
                throw error(line, "!else without !ifenv");
            }
            IfEnv top = ifenv.peek();
            if (top.elseSeen()[0]) {
                throw error(line, "!else already seen");
            }
            top.elseSeen()[0] = true;
            if (!top.skipBefore()) {
                skip = !skip;
            }
            return true;
        }
        if (text.equals("!endif")) {
            if (ifenv.isEmpty()) {
                throw error(line, "!endif without !ifenv");
            }
            skip = ifenv.pop().skipBefore();
            return true;
        }
        return skip;
    }

    private void commandLine(int line, String text) throws ScriptSyntaxException {
        if (preprocess(line, text)) {
            return;
        }
        if (group != null && groupDirective(line, text)) {
            return;
        }
        if (group != null && group.pending > 0 && taggedReply(line, text)) {
            return;
        }
        if (group == null || group.pending == 0) {
            group = new GroupBuilder();
            groups.add(group);
        }
        String rest = text;
        if (connections > 1) {
            int n = connectionPrefix(rest);
            if (n <= 0) {
                throw error(line, "missing connection number");
            }
            if (n > MAX_CONNECTIONS) {
                throw error(line, "too many connections");
            }
            if (!group.commands.isEmpty() && group.connection != n) {
                throw error(line, "all pipelined commands must use the same connection");
            }
            group.connection = n;
            connections = Math.max(connections, n);
            int sp = rest.indexOf(' ');
            rest = sp < 0 ? "" : rest.substring(sp + 1);
        }
        ReplyProbe probe = probeReply(rest);
        if (probe.tag == 0) {
            if (group.pending > 0) {
                throw error(line, "missing reply from the previous command group");
            }
        } else {
            for (Script.Command c : group.commands) {
                if (c.tag() == probe.tag) {
                    throw error(line, "tag reused within command group");
                }
            }
        }
        if (group.commands.isEmpty() && untaggedPrefix(probe.rest) != null) {
            bannerCheck = true;
            untagged(line, probe.rest.substring(2), untaggedPrefix(probe.rest));
            return;
        }
        if (probe.status == null) {
            group.pending++;
        }
        Script.Reply reply = probe.status == null ? null : new Script.Reply(probe.status, List.of());
        group.commands.add(new Script.Command(line, probe.tag, probe.rest, reply, false));
    }

    /** "!sleep", "!output", "!ordered" and untagged expectations inside the current group. */
    private boolean groupDirective(int line, String text) throws ScriptSyntaxException {
        if (text.startsWith("!sleep ")) {
            group.sleep = interval(line, text.substring(7).strip());
            return true;
        }
        if (text.startsWith("!output ")) {
            group.output.add(text.substring(8));
            return true;
        }
        if (text.equals("!ordered")) {
            group.ordered = true;
            return true;
        }
        Script.Existence e = untaggedPrefix(text);
        if (e != null) {
            untagged(line, text.substring(2), e);
            return true;
        }
        return false;
    }

    private Duration interval(int line, String v) throws ScriptSyntaxException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*([a-z]*)").matcher(v);
        if (!m.matches()) {
            throw error(line, "invalid !sleep value " + v);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms", "msec", "msecs", "millisecond", "milliseconds" -> Duration.ofMillis(n);
            case "", "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(n);
            case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(n);
            default -> throw error(line, "invalid !sleep unit " + m.group(2));
        };
    }

    private static Script.Existence untaggedPrefix(String text) {
        if (text.startsWith("* ")) {
            return Script.Existence.MUST;
        }
        if (text.startsWith("! ")) {
            return Script.Existence.MUST_NOT;
        }
        if (text.startsWith("? ")) {
            return Script.Existence.MAY;
        }
        return null;
    }

    private static int connectionPrefix(String text) {
        int sp = text.indexOf(' ');
        String first = sp < 0 ? text : text.substring(0, sp);
        if (first.isEmpty() || !first.chars().allMatch(Character::isDigit) || first.length() > 6) {
            return 0;
        }
        return Integer.parseInt(first);
    }

    /** A line that completes a pending command: "[conn] [tagN] ok|no|bad|\"\" [prefix]". */
    private boolean taggedReply(int line, String text) throws ScriptSyntaxException {
        String noConn = text;
        int conn = 0;
        if (connections > 1 && connectionPrefix(text) > 0) {
            conn = connectionPrefix(text);
            int sp = text.indexOf(' ');
            noConn = sp < 0 ? "" : text.substring(sp + 1);
        }
        ReplyProbe probe = probeReply(noConn);
        if (probe.status == null) {
            return false;
        }
        if (connections > 1) {
            if (conn == 0) {
                throw error(line, "missing connection number");
            }
            if (conn != group.connection) {
                throw error(line, "reply for the wrong connection");
            }
        }
        int index = -1;
        for (int i = 0; i < group.commands.size(); i++) {
            if (group.commands.get(i).tag() == probe.tag) {
                index = i;
            }
        }
        if (index < 0) {
            throw error(line, "reply for unknown tag");
        }
        Script.Command cmd = group.commands.get(index);
        if (cmd.reply() != null) {
            throw error(line, "command already has a reply");
        }
        List<ImapArg> args = args(line, noConn);
        List<ImapArg> rest = args.subList(probe.tag == 0 ? 1 : 2, args.size());
        group.commands.set(index, new Script.Command(cmd.line(), cmd.tag(), cmd.text(),
                new Script.Reply(probe.status, rest), false));
        group.pending--;
        return true;
    }

    private record ReplyProbe(int tag, Script.Status status, String rest) {}

    /** Optional "tagN " then optional "ok"/"no"/"bad"/"\"\"" and a space (test_get_cmd_reply). */
    private static ReplyProbe probeReply(String text) {
        String rest = text;
        int tag = 0;
        String first = word(rest);
        if (first.regionMatches(true, 0, "tag", 0, 3) && rest.indexOf(' ') > 0) {
            int n = first.length() > 3 && first.substring(3).chars().allMatch(Character::isDigit)
                    && first.length() < 10 ? Integer.parseInt(first.substring(3)) : 0;
            if (n > 0) {
                tag = n;
                rest = rest.substring(rest.indexOf(' ') + 1);
                first = word(rest);
            }
        }
        Script.Status status = switch (first.toLowerCase(Locale.ROOT)) {
            case "ok" -> Script.Status.OK;
            case "no" -> Script.Status.NO;
            case "bad" -> Script.Status.BAD;
            case "\"\"" -> Script.Status.ANY;
            default -> null;
        };
        if (status != null) {
            rest = rest.substring(first.length());
            if (rest.startsWith(" ")) {
                rest = rest.substring(1);
            }
        }
        return new ReplyProbe(tag, status, rest);
    }

    private static String word(String s) {
        int sp = s.indexOf(' ');
        return sp < 0 ? s : s.substring(0, sp);
    }

    private List<ImapArg> args(int line, String text) throws ScriptSyntaxException {
        try {
            return ImapArgParser.parse(text, true);
        } catch (IllegalArgumentException e) {
            throw error(line, e.getMessage());
        }
    }

    private void untagged(int line, String text, Script.Existence existence) throws ScriptSyntaxException {
        List<ImapArg> raw = args(line, text);
        String reply = "";
        if (!raw.isEmpty() && raw.get(0) instanceof ImapArg.Atom a) {
            reply = a.text();
            if ((reply.startsWith("$") || (!reply.isEmpty() && Character.isDigit(reply.charAt(0))))) {
                reply = raw.size() > 1 && raw.get(1) instanceof ImapArg.Atom b ? b.text() : "";
            }
        }
        List<ImapArg> args;
        try {
            args = Directives.apply(raw, reply.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error(line, e.getMessage());
        }
        if (reply.regionMatches(true, 0, "BYE", 0, 3)) {
            if (existence == Script.Existence.MAY) {
                throw error(line, "\"? BYE\" is not supported");
            }
            if (existence == Script.Existence.MUST) {
                group.bye = true;
            }
        }
        group.untagged.add(new Script.Untagged(existence, args, line));
    }

    /** The model; a LOGOUT is appended when nothing logs out (test_add_logout). */
    private Script build() {
        boolean logout = false;
        for (GroupBuilder g : groups) {
            for (Script.Command c : g.commands) {
                logout |= c.text().equalsIgnoreCase("logout") || g.bye;
            }
        }
        List<Script.Group> out = new ArrayList<>();
        for (GroupBuilder g : groups) {
            out.add(g.build());
        }
        if (!logout) {
            out.add(new Script.Group(1, List.of(new Script.Command(0, 0, "logout",
                    new Script.Reply(Script.Status.OK, List.of()), true)), List.of(), false, null, List.of()));
        }
        String name = file.getFileName().toString();
        Path own = file.resolveSibling(name + ".mbox");
        Path mbox = Files.exists(own) ? own : file.resolveSibling("default.mbox");
        return new Script(name, file, mbox, capabilities, connections, messages, state, ignoreExtraUntagged,
                users, out, bannerCheck);
    }
}
