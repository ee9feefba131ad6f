package org.tegami.threat;

import java.util.Arrays;
import java.util.Map;
import org.tegami.threat.corpus.CorpusContext;
import org.tegami.threat.corpus.CorpusFiles;
import org.tegami.threat.corpus.Eml;

/**
 * Rough timing of {@link ThreatAnalyzer#analyze} on a ~100 KB message with two attachments (not a
 * test: tests do not time things; to be replaced by a JMH benchmark). Run with
 * {@code java -cp target/classes:target/test-classes:<deps> org.tegami.threat.ThreatAnalyzerTiming}.
 */
public final class ThreatAnalyzerTiming {

    private ThreatAnalyzerTiming() {}

    public static void main(String[] args) {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<html><body>");
        for (int i = 0; text.length() < 30_000; i++) {
            text.append("Line ").append(i).append(": please find the quarterly figures and the delivery schedule attached.\n");
            html.append("<p>Paragraph ").append(i).append(" with <a href=\"https://www.contoso-supplies.com/p/").append(i)
                    .append("\">a link</a> and <b>some</b> text about the quarterly figures.</p>\n");
        }
        html.append("</body></html>");
        byte[] pdf = CorpusFiles.pdf("Report " + "x".repeat(20_000), "");
        byte[] zip = CorpusFiles.zip(Map.of("summary.docx", CorpusFiles.docx("Summary"), "data.csv", "a,b\n1,2\n".repeat(800).getBytes()));
        byte[] message = Eml.of("Contoso Accounts <accounts@contoso-supplies.com>", "sarah.johnson@northwind.com")
                .subject("Q2 report").text(text.toString()).html(html.toString())
                .attach("report.pdf", "application/pdf", pdf).attach("q2.zip", "application/zip", zip).build();
        ThreatAnalyzer analyzer = new ThreatAnalyzer();
        AnalysisContext ctx = CorpusContext.forMessage(java.util.List.of());
        for (int i = 0; i < 300; i++) {
            analyzer.analyze(message, ctx);
        }
        long[] t = new long[500];
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            analyzer.analyze(message, ctx);
            t[i] = System.nanoTime() - s;
        }
        Arrays.sort(t);
        System.out.printf("message %d bytes: median %.2f ms, p90 %.2f ms, verdict %s%n", message.length, t[t.length / 2] / 1e6,
                t[t.length * 9 / 10] / 1e6, analyzer.analyze(message, ctx).toJson());
    }
}
