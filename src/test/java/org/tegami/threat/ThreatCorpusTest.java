package org.tegami.threat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tegami.mime.HeaderField;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.threat.corpus.CorpusContext;

/**
 * Runs the analyzer over the labelled corpus with the fixed Northwind context, as live delivery
 * would (authentication results taken from each file's Authentication-Results), and checks
 * recall >= 95% on malicious mail and false positives <= 2% on legitimate mail at the default
 * thresholds — with the correspondence history, and without it (as `tegami analyze` on a fresh
 * data directory). "Flagged" means any action other than deliver.
 */
class ThreatCorpusTest {

    private final ThreatAnalyzer analyzer = new ThreatAnalyzer();

    @ParameterizedTest(name = "history={0}")
    @ValueSource(booleans = {true, false})
    void meetsRecallAndFalsePositiveTargets(boolean history) throws Exception {
        List<String> misses = new ArrayList<>();
        List<String> falseAlarms = new ArrayList<>();
        int[] mal = run("malicious", true, misses, history);
        int[] leg = run("legitimate", false, falseAlarms, history);
        int tp = mal[0];
        int fn = mal[1] - mal[0];
        int fp = leg[0];
        int tn = leg[1] - leg[0];
        double recall = tp / (double) (tp + fn);
        double precision = tp + fp == 0 ? 1 : tp / (double) (tp + fp);
        double fpRate = fp / (double) (fp + tn);
        System.out.printf("threat corpus (%s history): %d malicious, %d legitimate; precision %.3f, recall %.3f, false-positive rate %.3f%n",
                history ? "with" : "without", mal[1], leg[1], precision, recall, fpRate);
        misses.forEach(s -> System.out.println("  missed:      " + s));
        falseAlarms.forEach(s -> System.out.println("  false alarm: " + s));
        assertThat(mal[1]).isGreaterThanOrEqualTo(60);
        assertThat(leg[1]).isGreaterThanOrEqualTo(mal[1]);
        assertThat(recall).as("recall on malicious mail; missed: %s", misses).isGreaterThanOrEqualTo(0.95);
        assertThat(fpRate).as("false-positive rate on legitimate mail; flagged: %s", falseAlarms).isLessThanOrEqualTo(0.02);
    }

    /** {flagged, total}; records the wrongly judged files in {@code wrong}. */
    private int[] run(String label, boolean malicious, List<String> wrong, boolean history) throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(getClass().getResource("/threat/corpus/" + label)).toURI());
        int flagged = 0;
        int total = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                if (!p.toString().endsWith(".eml")) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(p);
                Verdict v = judge(bytes, history);
                total++;
                boolean isFlagged = v.action() != Action.DELIVER;
                if (isFlagged) {
                    flagged++;
                }
                if (isFlagged != malicious) {
                    wrong.add(p.getFileName() + " " + v.toJson());
                }
            }
        }
        return new int[] {flagged, total};
    }

    private Verdict judge(byte[] bytes, boolean history) {
        ParsedMessage parsed = MimeParser.parse(bytes);
        List<String> ar = parsed.headers().all("Authentication-Results").stream().map(HeaderField::value).toList();
        AnalysisContext ctx = CorpusContext.forMessage(ar);
        return analyzer.analyze(parsed, java.nio.ByteBuffer.wrap(bytes), history ? ctx : ctx.withHistory(CorrespondentHistory.none()));
    }
}
