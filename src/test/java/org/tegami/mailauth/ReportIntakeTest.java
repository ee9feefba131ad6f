package org.tegami.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tegami.dmarc.AggregateReportXml;
import org.tegami.store.DmarcStore;
import org.tegami.store.sqlite.SqliteDmarcStore;
import org.tegami.store.sqlite.SqliteStore;
import org.tegami.testing.Conformance;

/**
 * Incoming aggregate reports (RFC 7489 §7.2.1.1) in the shapes receivers send them — gzip, zip or
 * plain XML attachments — using the sample reports of ../shared/conformance/dmarc.
 */
class ReportIntakeTest {

    @Test
    void everySampleReportIsRecognisedInEveryPackagingAndStoredOnce(@TempDir Path dir) throws Exception {
        List<Path> samples;
        try (Stream<Path> s = Files.list(Conformance.dir("dmarc").resolve("aggregate-reports"))) {
            samples = s.sorted().toList();
        }
        assertThat(samples).hasSizeGreaterThanOrEqualTo(4);
        try (SqliteStore store = new SqliteStore(dir)) {
            SqliteDmarcStore dmarc = new SqliteDmarcStore(store.database());
            ReportIntake intake = new ReportIntake(dmarc, Clock.systemUTC());
            int stored = 0;
            for (Path sample : samples) {
                byte[] xml = Files.readAllBytes(sample);
                String text = new String(xml, StandardCharsets.UTF_8);
                boolean parses = AggregateReportXml.parse(xml) instanceof AggregateReportXml.Valid;
                for (String how : List.of("gzip", "zip", "xml")) {
                    ReportIntake.Result r = intake.accept(mail(sample.getFileName().toString(), xml, how), true);
                    if (!parses) {
                        assertThat(r.found()).isFalse();
                        assertThat(r.problems()).isNotEmpty();
                        continue;
                    }
                    // the first packaging stores it, the others are the same report again
                    assertThat(r.stored()).hasSize(how.equals("gzip") ? 1 : 0);
                    assertThat(r.duplicates()).isEqualTo(how.equals("gzip") ? 0 : 1);
                }
                if (parses) {
                    stored++;
                    DmarcStore.ReceivedReport got = dmarc.received("example.com", 0).stream()
                            .filter(x -> x.reportId().equals(tag(text, "report_id"))).findFirst().orElseThrow();
                    assertThat(got.orgName()).isEqualTo(tag(text, "org_name"));
                    assertThat(got.begin()).isEqualTo((long) Double.parseDouble(tag(text, "begin"))); // one sample writes "1337270400.0"
                    assertThat(got.end()).isEqualTo((long) Double.parseDouble(tag(text, "end")));
                    assertThat(AggregateReportXml.parse(got.xmlGz())).isInstanceOf(AggregateReportXml.Valid.class);
                }
            }
            assertThat(dmarc.received("example.com", 0)).hasSize(stored);
            assertThat(stored).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void mailWithoutReportsOrWithBrokenOnesStoresNothing(@TempDir Path dir) throws Exception {
        try (SqliteStore store = new SqliteStore(dir)) {
            ReportIntake intake = new ReportIntake(new SqliteDmarcStore(store.database()), Clock.systemUTC());
            assertThat(intake.accept("From: a@b.test\r\nSubject: hi\r\n\r\njust text\r\n".getBytes(StandardCharsets.US_ASCII), true)
                    .found()).isFalse();
            ReportIntake.Result junk = intake.accept(mail("r.xml", "<feedback><oops".getBytes(StandardCharsets.UTF_8), "xml"), true);
            assertThat(junk.found()).isFalse();
            assertThat(junk.problems()).singleElement().asString().contains("XML");
            ReportIntake.Result badZip = intake.accept(mail("r.xml", new byte[] {'P', 'K', 3, 4, 9, 9, 9}, "raw-zip"), true);
            assertThat(badZip.problems()).contains("unreadable zip attachment");
            ReportIntake.Result xxe = intake.accept(mail("r.xml", ("<?xml version=\"1.0\"?><!DOCTYPE f [<!ENTITY x SYSTEM"
                    + " \"file:///etc/passwd\">]><feedback>&x;</feedback>").getBytes(StandardCharsets.UTF_8), "xml"), true);
            assertThat(xxe.found()).isFalse();
        }
    }

    private static String tag(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">\\s*([^<]*?)\\s*</" + name + ">").matcher(xml);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1);
    }

    /** A report mail as receivers send it: a text part and the report as an attachment. */
    static byte[] mail(String name, byte[] xml, String how) throws Exception {
        byte[] data = xml;
        String type = "text/xml";
        switch (how) {
            case "gzip" -> {
                data = AggregateReportXml.gzip(new String(xml, StandardCharsets.UTF_8));
                type = "application/gzip";
                name = name + ".gz";
            }
            case "zip" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (ZipOutputStream zip = new ZipOutputStream(out)) {
                    zip.putNextEntry(new ZipEntry(name));
                    zip.write(xml);
                }
                data = out.toByteArray();
                type = "application/zip";
                name = name + ".zip";
            }
            case "raw-zip" -> {
                type = "application/zip";
                name = name + ".zip";
            }
            default -> { }
        }
        return ("From: reports@reporter.test\r\nTo: dmarc-reports@example.com\r\nSubject: Report Domain: example.com\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
                + "A report.\r\n--b\r\nContent-Type: " + type + "; name=\"" + name + "\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"" + name + "\"\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(data) + "\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
