import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.threat.AnalysisContext;
import org.tegami.threat.AuthSummary;
import org.tegami.threat.InMemoryCorrespondentHistory;
import org.tegami.threat.KnownPerson;
import org.tegami.threat.ThreatAnalyzer;
import org.tegami.threat.Verdict;

/**
 * Warm-up-then-measure benchmark of threat analysis (issue 8: a 100 KB message with two
 * attachments, target under 2 ms median). Plain Java, run by bench/threat.sh in several fresh JVMs:
 *
 * <pre>
 * java -cp target/tegami.jar bench/ThreatBench.java [WARMUP_SECONDS] [MEASURED_RUNS] [WRITE_EML_TO]
 * </pre>
 *
 * Builds the message in memory (30 KB of text, a 60 KB HTML alternative with 400 links, a PDF and
 * a zip holding a .docx and a CSV), analyses it with a realistic context (two domains, ten people,
 * two VIPs, a correspondence history), warms up, then times each call on its own. Reports wall
 * time and this thread's CPU time (stabler on a shared machine), median and p90, for the call
 * the pipeline makes (message already parsed) and for parse + analysis. Optionally writes the
 * message to a file (the SMTP ingest benchmark sends it).
 */
public class ThreatBench {

    public static void main(String[] args) throws Exception {
        double warmupSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        byte[] message = message();
        if (args.length > 2) {
            Files.write(Path.of(args[2]), message);
        }
        ThreatAnalyzer analyzer = new ThreatAnalyzer();
        AnalysisContext ctx = context();
        ParsedMessage parsed = MimeParser.parse(message);
        Verdict v = analyzer.analyze(parsed, ByteBuffer.wrap(message), ctx);
        long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int warm = 0;
        while (System.nanoTime() < end) {
            analyzer.analyze(parsed, ByteBuffer.wrap(message), ctx);
            analyzer.analyze(message, ctx);
            warm++;
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        long[] wallParse = new long[runs];
        long[] cpuParse = new long[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            analyzer.analyze(parsed, ByteBuffer.wrap(message), ctx);
            wall[i] = System.nanoTime() - t0;
            cpu[i] = mx.getCurrentThreadCpuTime() - c0;
            c0 = mx.getCurrentThreadCpuTime();
            t0 = System.nanoTime();
            analyzer.analyze(message, ctx);
            wallParse[i] = System.nanoTime() - t0;
            cpuParse[i] = mx.getCurrentThreadCpuTime() - c0;
        }
        System.out.printf("message %d bytes, 2 attachments, verdict %s; warm-up %d x 2 calls in %.0f s, %d measured%n",
                message.length, v.headerValue(), warm, warmupSeconds, runs);
        System.out.printf("analysis (parsed, as the pipeline calls it): median %.3f ms, p90 %.3f ms wall; median %.3f ms, p90 %.3f ms CPU%n",
                ms(wall, 50), ms(wall, 90), ms(cpu, 50), ms(cpu, 90));
        System.out.printf("MIME parse + analysis:                       median %.3f ms, p90 %.3f ms wall; median %.3f ms, p90 %.3f ms CPU%n",
                ms(wallParse, 50), ms(wallParse, 90), ms(cpuParse, 50), ms(cpuParse, 90));
        System.out.printf("result analysis_wall_ms=%.3f analysis_cpu_ms=%.3f parse_analysis_wall_ms=%.3f parse_analysis_cpu_ms=%.3f%n",
                ms(wall, 50), ms(cpu, 50), ms(wallParse, 50), ms(cpuParse, 50));
    }

    private static double ms(long[] t, int percentile) {
        long[] s = t.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, s.length * percentile / 100)] / 1e6;
    }

    static AnalysisContext context() {
        List<KnownPerson> people = List.of(
                KnownPerson.of("Akiko Tanaka", "akiko.tanaka@northwind.test"), KnownPerson.of("David Miller", "david.miller@northwind.test"),
                KnownPerson.of("Sarah Johnson", "sarah.johnson@northwind.test"), KnownPerson.of("Emily Chen", "emily.chen@northwind.test"),
                KnownPerson.of("Kenji Watanabe", "kenji.watanabe@northwind.co.jp"), KnownPerson.of("山田 太郎", "taro.yamada@northwind.co.jp"),
                KnownPerson.of("佐藤 花子", "hanako.sato@northwind.co.jp"), KnownPerson.of("Robert Brown", "robert.brown@northwind.test"),
                KnownPerson.of("Maria Garcia", "maria.garcia@northwind.test"), KnownPerson.of("鈴木 一郎", "ichiro.suzuki@northwind.co.jp"));
        List<KnownPerson> vips = List.of(KnownPerson.of("Akiko Tanaka", "akiko.tanaka@northwind.test"),
                KnownPerson.of("David Miller", "david.miller@northwind.test"));
        InMemoryCorrespondentHistory history = new InMemoryCorrespondentHistory()
                .received("accounts@contoso-supplies.test", 25).sent("accounts@contoso-supplies.test", 18)
                .received("keiri@fabrikam.co.jp", 30).sent("keiri@fabrikam.co.jp", 20)
                .received("dispatch@globex-logistics.test", 10).sent("dispatch@globex-logistics.test", 5)
                .received("news@example-retail.test", 40);
        String ar = "mx.northwind.test; spf=pass smtp.mailfrom=contoso-supplies.test; dkim=pass header.d=contoso-supplies.test;"
                + " dmarc=pass header.from=contoso-supplies.test";
        return new AnalysisContext(AuthSummary.fromAuthenticationResults(List.of(ar)),
                Set.of("northwind.test", "northwind.co.jp"), people, vips, history, "accounts@contoso-supplies.test");
    }

    /** About 117 KB: text, HTML with 400 links, a PDF and a zip (a .docx and a CSV). */
    static byte[] message() throws IOException {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<html><body>");
        for (int i = 0; text.length() < 30_000; i++) {
            text.append("Line ").append(i).append(": please find the quarterly figures and the delivery schedule attached.\n");
            html.append("<p>Paragraph ").append(i).append(" with <a href=\"https://www.contoso-supplies.test/p/").append(i)
                    .append("\">a link</a> and <b>some</b> text about the quarterly figures.</p>\n");
        }
        html.append("</body></html>");
        byte[] pdf = pdf("Quarterly report " + "lorem ipsum dolor sit amet ".repeat(700));
        byte[] docx = zip(new String[] {"[Content_Types].xml", "word/document.xml"}, new byte[][] {
            ("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
                    + ".wordprocessingml.document.main+xml\"/></Types>").getBytes(StandardCharsets.UTF_8),
            ("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>"
                    + "Summary of the quarter</w:t></w:r></w:p></w:body></w:document>").getBytes(StandardCharsets.UTF_8)});
        byte[] zip = zip(new String[] {"summary.docx", "data.csv"}, new byte[][] {docx, "a,b\n1,2\n".repeat(800).getBytes(StandardCharsets.US_ASCII)});
        String b = "=_bench_boundary_1";
        String a = "=_bench_boundary_2";
        StringBuilder m = new StringBuilder();
        m.append("Return-Path: <accounts@contoso-supplies.test>\r\n")
                .append("From: Contoso Accounts <accounts@contoso-supplies.test>\r\n")
                .append("To: Sarah Johnson <sarah.johnson@northwind.test>\r\n")
                .append("Subject: Q2 report and delivery schedule\r\n")
                .append("Date: Fri, 27 Nov 2026 10:00:00 +0900\r\n")
                .append("Message-ID: <bench-1@contoso-supplies.test>\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/mixed; boundary=\"").append(b).append("\"\r\n\r\n")
                .append("--").append(b).append("\r\nContent-Type: multipart/alternative; boundary=\"").append(a).append("\"\r\n\r\n")
                .append("--").append(a).append("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
                .append(qp(text.toString()))
                .append("\r\n--").append(a).append("\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
                .append(qp(html.toString()))
                .append("\r\n--").append(a).append("--\r\n");
        attach(m, b, "report.pdf", "application/pdf", pdf);
        attach(m, b, "q2.zip", "application/zip", zip);
        m.append("--").append(b).append("--\r\n");
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Quoted-printable (RFC 2045 §6.7): '=' escaped, lines soft-broken before 76 characters. */
    private static String qp(String s) {
        StringBuilder out = new StringBuilder(s.length() + s.length() / 20);
        for (String line : s.split("\n", -1)) {
            int col = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                String enc = c == '=' ? "=3D" : String.valueOf(c);
                if (col + enc.length() > 75) {
                    out.append("=\r\n");
                    col = 0;
                }
                out.append(enc);
                col += enc.length();
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    private static void attach(StringBuilder m, String boundary, String name, String type, byte[] data) {
        m.append("--").append(boundary).append("\r\nContent-Type: ").append(type).append("; name=\"").append(name)
                .append("\"\r\nContent-Disposition: attachment; filename=\"").append(name)
                .append("\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .append(Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(data)).append("\r\n");
    }

    private static byte[] zip(String[] names, byte[][] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < names.length; i++) {
                z.putNextEntry(new ZipEntry(names[i]));
                z.write(data[i]);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** A small valid PDF with one page of text (no scripts, no actions). */
    private static byte[] pdf(String text) {
        String stream = "BT /F1 10 Tf 50 750 Td (" + text.replace("(", "").replace(")", "") + ") Tj ET";
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        StringBuilder sb = new StringBuilder("%PDF-1.7\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = sb.length();
            sb.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = sb.length();
        sb.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int o : offsets) {
            sb.append(String.format("%010d 00000 n \n", o));
        }
        sb.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
