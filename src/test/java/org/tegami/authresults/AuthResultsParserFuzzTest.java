package org.tegami.authresults;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** Contract: any field value gives results or a defined error; what we write we read back. */
class AuthResultsParserFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parse(byte[] data) {
        String v = new String(data, StandardCharsets.UTF_8);
        AuthResultsParser.Parsed p = AuthResultsParser.parse(v);
        if (p == null) {
            throw new AssertionError("null");
        }
        AuthResultsParser.claims(v, "mx.example");
        if (p instanceof AuthResultsParser.Valid valid) {
            AuthenticationResults r = valid.results();
            // re-serialising what was parsed and parsing again must keep the results
            AuthResultsParser.Parsed again = AuthResultsParser.parse(r.toValue());
            if (!(again instanceof AuthResultsParser.Valid v2) || v2.results().results().size() != r.results().size()) {
                throw new AssertionError("round trip lost results: " + r + " -> " + again);
            }
        }
    }
}
