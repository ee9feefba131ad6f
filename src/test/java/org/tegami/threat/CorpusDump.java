package org.tegami.threat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tegami.mime.HeaderField;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.threat.corpus.CorpusContext;

class CorpusDump {
    @Test
    @EnabledIfSystemProperty(named = "threat.dump", matches = ".+")
    void dump() throws Exception {
        boolean noHistory = System.getProperty("threat.dump").equals("nohistory");
        ThreatAnalyzer a = new ThreatAnalyzer();
        for (String label : List.of("malicious", "legitimate")) {
            Path dir = Path.of(System.getProperty("tegami.project.dir"), "src/test/resources/threat/corpus", label);
            try (var s = Files.list(dir)) {
                for (Path p : s.sorted().toList()) {
                    byte[] b = Files.readAllBytes(p);
                    ParsedMessage pm = MimeParser.parse(b);
                    List<String> ar = pm.headers().all("Authentication-Results").stream().map(HeaderField::value).toList();
                    AnalysisContext ctx = CorpusContext.forMessage(ar);
                    if (noHistory) {
                        ctx = ctx.withHistory(CorrespondentHistory.none());
                    }
                    Verdict v = a.analyze(pm, java.nio.ByteBuffer.wrap(b), ctx);
                    System.out.printf("DUMP %s %-45s %5.2f %-10s %s%n", label.substring(0, 3), p.getFileName(), v.score(), v.action().label(), v.findingIds());
                }
            }
        }
    }
}
