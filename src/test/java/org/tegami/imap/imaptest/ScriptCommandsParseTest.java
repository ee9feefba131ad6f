package org.tegami.imap.imaptest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tegami.imap.CommandParser;
import org.tegami.imap.ReadResult;

/**
 * Every command of every imaptest script whose capabilities the codec covers, with its variables
 * filled in, must parse — except those the script expects a BAD for, which must be refused. A
 * cross-check of {@link CommandParser} against the commands a reference test suite sends.
 */
class ScriptCommandsParseTest {

    /** Capabilities whose syntax the codec parses. */
    static final Set<String> SUPPORTED = Set.of("IMAP4REV1", "IMAP4REV2", "LITERAL+", "BINARY", "MULTIAPPEND",
            "UIDPLUS", "MOVE", "ID", "ENABLE", "CONDSTORE", "QRESYNC", "ESEARCH", "SEARCHRES", "SORT",
            "SORT=DISPLAY", "THREAD=REFERENCES", "THREAD=ORDEREDSUBJECT", "LIST-EXTENDED", "LIST-STATUS",
            "SPECIAL-USE", "CHILDREN", "NAMESPACE", "UNSELECT", "IDLE", "QUOTA", "ESORT", "STATUS=SIZE");

    static List<Path> scripts() throws Exception {
        return ScriptParserTest.scripts().toList();
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void commandsParse(Path file) throws Exception {
        Script s = ScriptParser.parse(file, name -> null);
        boolean covered = s.capabilities().stream().allMatch(c -> SUPPORTED.contains(c.toUpperCase(Locale.ROOT)));
        org.junit.jupiter.api.Assumptions.assumeTrue(covered, "needs " + s.capabilities());
        List<String> problems = new ArrayList<>();
        CommandParser parser = new CommandParser();
        for (Script.Group g : s.groups()) {
            for (Script.Command c : g.commands()) {
                if (c.text().regionMatches(true, 0, "append", 0, 6) && !LITERAL.matcher(c.text()).find()) {
                    continue; // imaptest's shorthand "append [mailbox] [flags]": it adds the next mbox message
                }
                byte[] wire = ("t1 " + substitute(c.text())).getBytes(StandardCharsets.ISO_8859_1);
                ReadResult r = parser.parse(wire);
                boolean parsed = r instanceof ReadResult.Parsed;
                boolean expectBad = c.reply().status() == Script.Status.BAD;
                if (expectBad == parsed) {
                    problems.add("line " + c.line() + ": " + c.text() + " -> " + r);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static final Pattern LITERAL = Pattern.compile("~?\\{(\\d+)\\}\r\n");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)\\}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** Fills in variables outside literal data. */
    static String substitute(String text) {
        StringBuilder out = new StringBuilder();
        Matcher m = LITERAL.matcher(text);
        int pos = 0;
        while (m.find(pos)) {
            out.append(vars(text.substring(pos, m.end())));
            int n = Integer.parseInt(m.group(1));
            out.append(text, m.end(), m.end() + n);
            pos = m.end() + n;
        }
        return out.append(vars(text.substring(pos))).toString();
    }

    private static String vars(String s) {
        Matcher m = VARIABLE.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = switch (name) {
                case "mailbox" -> "imaptest";
                case "sep" -> "/";
                case "user", "user2" -> "user@example.org";
                case "username", "username2" -> "user";
                case "domain", "domain2" -> "example.org";
                case "password", "password2" -> "secret";
                case "mailbox_url" -> "imap://user@localhost/imaptest";
                default -> "1";
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
