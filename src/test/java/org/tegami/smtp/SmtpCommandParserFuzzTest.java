package org.tegami.smtp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Contract: the parser returns a command or a syntax error, never another exception. */
class SmtpCommandParserFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parsesOrRejects(FuzzedDataProvider data) {
        String line = data.consumeRemainingAsString();
        try {
            SmtpCommand cmd = SmtpCommandParser.parse(line);
            if (cmd == null) {
                throw new AssertionError("null command");
            }
        } catch (SmtpSyntaxException expected) {
            // a defined parse error
        }
    }
}
