package org.tegami.threat;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.tegami.mime.MimeParser;

/**
 * Contract: on any bytes the analyzer returns a verdict without an internal failure (it would
 * show as "analysis.incomplete"), and tagging returns a message that parses again.
 */
class ThreatFuzzTest {

    private static final ThreatAnalyzer ANALYZER = new ThreatAnalyzer();
    private static final VerdictTagger TAGGER = new VerdictTagger(ThreatPolicy.DEFAULT);
    private static final AnalysisContext CTX = new AnalysisContext(AuthSummary.UNKNOWN, TestMessages.DOMAINS, TestMessages.PEOPLE,
            TestMessages.VIPS, new InMemoryCorrespondentHistory().sent("a@partner.test", 1), null);

    @FuzzTest(maxDuration = "20s")
    void analyzeArbitraryMessage(byte[] message) {
        Verdict v = ANALYZER.analyze(message, CTX);
        assertThat(v.has("analysis.incomplete")).as(v.toJson()).isFalse();
        assertThat(v.action()).isNotNull();
        byte[] tagged = TAGGER.tag(message, Verdict.of(List.of(new Finding("x.y", 6, "test")), ThreatPolicy.DEFAULT));
        assertThat(MimeParser.parse(tagged).headers().value("X-Tegami-Verdict")).isNotNull();
    }

    @FuzzTest(maxDuration = "20s")
    void authenticationResults(byte[] data) {
        AuthSummary a = AuthSummary.fromAuthenticationResults(List.of(new String(data, java.nio.charset.StandardCharsets.ISO_8859_1)));
        a.contradicts("corp.test");
        a.authenticates("corp.test");
    }
}
