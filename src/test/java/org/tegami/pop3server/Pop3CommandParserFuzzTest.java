package org.tegami.pop3server;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Contract of the sans-I/O parser: any line gives a command or a syntax error with a printable
 * one-line message, never another exception; keywords come back upper-case and 3-4 letters, or
 * as Unknown; echoed text stays printable. Seeds: real client traffic in every state
 * (src/test/resources/.../Pop3CommandParserFuzzTestInputs/parsesOrRejects). Plain `mvn test`
 * replays the seeds; JAZZER_FUZZ=1 fuzzes.
 */
class Pop3CommandParserFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parsesOrRejects(FuzzedDataProvider data) {
        byte[] line = data.consumeRemainingAsBytes();
        Pop3Command cmd;
        try {
            cmd = Pop3CommandParser.parse(line);
        } catch (Pop3SyntaxException e) {
            check(printable(e.getMessage()), "unprintable error text: " + e.getMessage());
            return;
        }
        check(cmd != null, "null command");
        if (cmd instanceof Pop3Command.Unknown u) {
            check(printable(u.verb()) && u.verb().length() <= 20, "unsafe echo of an unknown keyword: " + u.verb());
            return;
        }
        String verb = cmd.verb();
        check(verb.matches("[A-Z]{3,4}"), "bad verb " + verb);
        check(Pop3State.known(verb), "verb not in any state: " + verb);
        check(line.length <= (verb.equals("AUTH") ? Pop3CommandParser.MAX_AUTH_LINE : Pop3CommandParser.MAX_COMMAND_LINE),
                "over-long line accepted");
        String text = new String(line, StandardCharsets.ISO_8859_1);
        check(text.regionMatches(true, 0, verb, 0, verb.length()), "verb not from the line");
        switch (cmd) {
            case Pop3Command.Retr r -> check(r.msg() >= 0, "negative message number");
            case Pop3Command.Dele d -> check(d.msg() >= 0, "negative message number");
            case Pop3Command.Top t -> check(t.msg() >= 0 && t.lines() >= 0, "negative TOP argument");
            case Pop3Command.Pass p -> check(!p.password().isEmpty(), "empty password");
            default -> { }
        }
    }

    private static boolean printable(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c != 0x7f);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
