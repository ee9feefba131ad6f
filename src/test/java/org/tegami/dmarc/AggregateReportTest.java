package org.tegami.dmarc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.net.InetAddresses;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.tegami.dkim.DkimResult;
import org.tegami.dns.InMemoryResolver;
import org.tegami.mime.MimeParser;
import org.tegami.mime.MimePart;
import org.tegami.mime.ParsedMessage;
import org.tegami.spf.SpfResult;
import org.tegami.testing.Conformance;

class AggregateReportTest {

    static final AggregateReport.Metadata META = new AggregateReport.Metadata("mx.receiver.example",
            "dmarc-reports@receiver.example", null, "r-42", 1_700_000_000L, 1_700_086_399L, List.of());

    private AggregateReport sample() {
        InMemoryResolver dns = new InMemoryResolver().addTxt("_dmarc.example.com", "v=DMARC1; p=reject; rua=mailto:d@example.com");
        DmarcEvaluator ev = new DmarcEvaluator(dns);
        SpfResult spfPass = DmarcEvaluatorTest.spf(SpfResult.Result.PASS, "example.com");
        SpfResult spfFail = DmarcEvaluatorTest.spf(SpfResult.Result.FAIL, "example.com");
        List<DkimResult> dkimPass = List.of(DmarcEvaluatorTest.dkim(DkimResult.Status.PASS, "example.com"));
        AggregateReport.Row good = AggregateReport.Row.of(InetAddresses.forString("192.0.2.1"), "example.com",
                ev.evaluate("example.com", spfPass, dkimPass), spfPass, dkimPass);
        AggregateReport.Row bad = AggregateReport.Row.of(InetAddresses.forString("2001:db8::66"), "spoof.example",
                ev.evaluate("example.com", spfFail, List.of()), spfFail, List.of());
        DmarcRecord rec = ((DmarcRecord.Valid) DmarcRecord.parse("v=DMARC1; p=reject")).record();
        return AggregateReport.aggregate(META, AggregateReport.PolicyPublished.of("example.com", rec), List.of(good, bad, good, good));
    }

    @Test
    void aggregatesWritesAndParsesBack() {
        AggregateReport r = sample();
        assertThat(r.rows()).hasSize(2);
        assertThat(r.rows().get(0).count()).isEqualTo(3);
        assertThat(r.messages()).isEqualTo(4);
        assertThat(r.dmarcPassMessages()).isEqualTo(3);
        String xml = AggregateReportXml.write(r);
        assertThat(xml).contains("<source_ip>2001:db8::66</source_ip>", "<disposition>reject</disposition>",
                "<header_from>example.com</header_from>", "<p>reject</p>", "<count>3</count>");
        AggregateReportXml.Parsed back = AggregateReportXml.parse(AggregateReportXml.gzip(xml));
        assertThat(back).isInstanceOf(AggregateReportXml.Valid.class);
        assertThat(((AggregateReportXml.Valid) back).report()).isEqualTo(r);
    }

    @Test
    void reportMailHasRfc7489FileNameAndGzipAttachment() throws Exception {
        AggregateReport r = sample();
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T00:00:00Z"), ZoneOffset.UTC);
        byte[] mail = AggregateReportMail.build(r, "receiver.example", "dmarc-reports@receiver.example", "d@example.com", clock, "receiver.example");
        String text = new String(mail, StandardCharsets.US_ASCII);
        String name = "receiver.example!example.com!1700000000!1700086399.xml.gz";
        assertThat(AggregateReportMail.fileName("receiver.example", r, null)).isEqualTo(name);
        assertThat(text).contains("Subject: Report Domain: example.com Submitter: receiver.example Report-ID: <r-42>",
                "filename=\"" + name + "\"", "Content-Type: application/gzip", "Date: Sat, 28 Nov 2026 00:00:00 GMT");
        ParsedMessage parsed = MimeParser.parse(mail);
        MimePart attachment = parsed.root().children().get(1);
        assertThat(attachment.fileName()).isEqualTo(name);
        String b64 = text.substring(attachment.bodyStart(), attachment.end()).replaceAll("\\s", "");
        byte[] xml = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(b64))).readAllBytes();
        assertThat(new String(xml, StandardCharsets.UTF_8)).isEqualTo(AggregateReportXml.write(r));
        assertThatThrownBy(() -> AggregateReportMail.build(r, "receiver.example", "a@b.example", "x@y\r\nBcc: z@evil", clock, "r"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesReceivedReports() throws Exception {
        Path dir = Conformance.dir("dmarc").resolve("aggregate-reports");
        Map<String, long[]> expected = Map.of(
                "163.com", new long[] {50},
                "good.com", new long[] {754},
                "yeah.net", new long[] {254});
        int parsed = 0;
        try (var files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String reporter = f.getFileName().toString().split("!")[0];
                AggregateReportXml.Parsed p = AggregateReportXml.parse(Files.readAllBytes(f));
                if (reporter.equals("bad.com")) {
                    // malformed on purpose ("example.com<foo", no closing tag): a defined error
                    assertThat(p).isInstanceOf(AggregateReportXml.Invalid.class);
                    assertThat(((AggregateReportXml.Invalid) p).reason()).contains("XML");
                    continue;
                }
                assertThat(p).as(f.toString()).isInstanceOf(AggregateReportXml.Valid.class);
                AggregateReport r = ((AggregateReportXml.Valid) p).report();
                assertThat(r.rows()).hasSize((int) expected.get(reporter)[0]);
                assertThat(r.policy().domain()).isEqualTo("example.com");
                assertThat(r.metadata().begin()).isEqualTo(1337270400L);
                Map<String, AggregateReport.SourceSummary> by = r.bySource();
                assertThat(by.values().stream().mapToLong(AggregateReport.SourceSummary::messages).sum()).isEqualTo(r.messages());
                assertThat(by.values()).allSatisfy(s -> assertThat(s.dmarcPass() + s.dmarcFail()).isEqualTo(s.messages()));
                parsed++;
            }
        }
        assertThat(parsed).isEqualTo(3);
        AggregateReport good = ((AggregateReportXml.Valid) AggregateReportXml.parse(Files.readAllBytes(
                dir.resolve("good.com!example.com!1337270400!1337356799.xml")))).report();
        AggregateReport.SourceSummary first = good.bySource().get("116.233.121.204");
        assertThat(first.messages()).isGreaterThanOrEqualTo(27);
        assertThat(first.dispositions()).containsKey("reject");
    }

    @Test
    void hostileXmlIsRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE feedback [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<feedback><report_metadata><org_name>&x;</org_name></report_metadata></feedback>";
        assertThat(AggregateReportXml.parse(xxe.getBytes(StandardCharsets.UTF_8))).isInstanceOf(AggregateReportXml.Invalid.class);
        assertThat(AggregateReportXml.parse(new byte[] {0x1f, (byte) 0x8b, 1, 2, 3})).isInstanceOf(AggregateReportXml.Invalid.class);
        assertThat(AggregateReportXml.parse("<other/>".getBytes(StandardCharsets.UTF_8))).isInstanceOf(AggregateReportXml.Invalid.class);
        assertThat(AggregateReportXml.parse(new byte[0])).isInstanceOf(AggregateReportXml.Invalid.class);
    }
}
