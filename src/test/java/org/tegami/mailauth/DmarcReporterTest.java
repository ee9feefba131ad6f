package org.tegami.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tegami.dmarc.AggregateReport;
import org.tegami.dmarc.AggregateReportXml;
import org.tegami.dmarc.DmarcEvaluator;
import org.tegami.dmarc.DmarcResult;
import org.tegami.dmarc.FromDomain;
import org.tegami.dmarc.ReportDestinations;
import org.tegami.dns.InMemoryResolver;
import org.tegami.mime.ContentDecoder;
import org.tegami.mime.MimeLimits;
import org.tegami.mime.MimeParser;
import org.tegami.mime.MimePart;
import org.tegami.mime.ParsedMessage;
import org.tegami.spf.SpfResult;
import org.tegami.spf.SpfVerifier;
import org.tegami.store.sqlite.SqliteDkimKeyStore;
import org.tegami.store.sqlite.SqliteDmarcStore;
import org.tegami.store.sqlite.SqliteStore;
import org.tegami.testing.MutableClock;

/** The daily aggregate reports: what is sent where (RFC 7489 §7.1, §7.2), driven by an injected clock. */
class DmarcReporterTest {

    record Sent(byte[] message, String sender, String rcpt) {}

    final InMemoryResolver dns = new InMemoryResolver()
            .addTxt("sender.test", "v=spf1 ip4:192.0.2.0/24 -all")
            .addTxt("_dmarc.sender.test", "v=DMARC1; p=none; rua=mailto:agg@sender.test")
            .addTxt("_dmarc.ext.test", "v=DMARC1; p=reject; rua=mailto:dmarc@reports.example")
            .addTxt("ext.test._report._dmarc.reports.example", "v=DMARC1")
            .addTxt("_dmarc.noauth.test", "v=DMARC1; p=none; rua=mailto:x@thirdparty.example")
            .addTxt("_dmarc.flaky.test", "v=DMARC1; p=none; rua=mailto:r@slow.example")
            .addTimeout("flaky.test._report._dmarc.slow.example")
            .addTxt("_dmarc.local.test", "v=DMARC1; p=none; rua=mailto:dmarc-reports@ours.test")
            .addTxt("_dmarc.small.test", "v=DMARC1; p=none; rua=mailto:r@small.test!100")
            .addTxt("_dmarc.norua.test", "v=DMARC1; p=reject");
    final MutableClock clock = new MutableClock(Duration.ofDays(-1));
    final List<Sent> sent = new ArrayList<>();

    DmarcReporter reporter(SqliteStore store, Path dir, DmarcRecorder recorder) throws Exception {
        DmarcEvaluator evaluator = new DmarcEvaluator(dns);
        return new DmarcReporter(new SqliteDmarcStore(store.database()), recorder,
                new ReportDestinations(dns, evaluator.organizationalDomains()),
                DkimKeyring.open(new SqliteDkimKeyStore(store.database()), dir, clock),
                new ReportIntake(new SqliteDmarcStore(store.database()), clock), Set.of("ours.test")::contains,
                () -> new DmarcReporter.Identity("Tegami Test", "ours.test", "dmarc-reports@ours.test"),
                (m, from, rcpt, domain) -> sent.add(new Sent(m, from, rcpt)), clock);
    }

    /** Evaluates a message from this domain sent by this address, and records it as the DMARC stage does. */
    void evaluate(DmarcRecorder recorder, String fromDomain, String ip) throws Exception {
        InetAddress addr = InetAddress.getByName(ip);
        SpfResult spf = new SpfVerifier(dns, clock, "mx.ours.test").check(addr, "bounce@" + fromDomain, "mta." + fromDomain);
        DmarcResult r = new DmarcEvaluator(dns).evaluate(FromDomain.ofValue("a@" + fromDomain), spf, List.of());
        recorder.record(addr, fromDomain, r, spf, List.of());
    }

    @Test
    void yesterdaysEvaluationsBecomeOneReportPerDomainSentToVerifiedDestinations(@TempDir Path dir) throws Exception {
        try (SqliteStore store = new SqliteStore(dir); DmarcRecorder recorder = new DmarcRecorder(new SqliteDmarcStore(store.database()), clock)) {
            DmarcReporter reporter = reporter(store, dir, recorder);
            evaluate(recorder, "sender.test", "192.0.2.7");
            evaluate(recorder, "sender.test", "192.0.2.7");
            evaluate(recorder, "sender.test", "198.51.100.1");
            evaluate(recorder, "ext.test", "198.51.100.1");
            evaluate(recorder, "noauth.test", "198.51.100.1");
            evaluate(recorder, "local.test", "198.51.100.2");
            evaluate(recorder, "small.test", "198.51.100.3");
            evaluate(recorder, "norua.test", "198.51.100.3"); // no rua: nothing recorded
            assertThat(reporter.runDue()).isEmpty(); // still "yesterday": that day is not over
            clock.setOffset(Duration.ZERO);
            evaluate(recorder, "sender.test", "192.0.2.99"); // today's: goes into tomorrow's report
            List<DmarcReporter.Outcome> outcomes = reporter.runDue();
            java.util.Map<String, String> result = new java.util.HashMap<>();
            outcomes.forEach(o -> result.put(o.policyDomain(), o.result()));
            assertThat(result).hasSize(5).containsEntry("sender.test", "queued").containsEntry("ext.test", "queued")
                    .containsEntry("noauth.test", "skipped: thirdparty.example does not accept reports for noauth.test (RFC 7489 §7.1)")
                    .containsEntry("local.test", "recorded locally");
            assertThat(result.get("small.test")).startsWith("skipped: ").endsWith("over the destination's limit of 100");
            assertThat(sent).extracting(Sent::rcpt).containsExactlyInAnyOrder("agg@sender.test", "dmarc@reports.example");
            Sent toSender = sent.stream().filter(s -> s.rcpt().equals("agg@sender.test")).findFirst().orElseThrow();
            assertThat(toSender.sender()).isEqualTo("dmarc-reports@ours.test");
            AggregateReport report = attachedReport(toSender.message());
            long dayStart = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1)).getEpochSecond();
            assertThat(report.metadata().begin()).isEqualTo(dayStart);
            assertThat(report.metadata().end()).isEqualTo(dayStart + 86_399);
            assertThat(report.metadata().orgName()).isEqualTo("Tegami Test");
            assertThat(report.policy().domain()).isEqualTo("sender.test");
            assertThat(report.policy().p()).isEqualTo("none");
            assertThat(report.messages()).isEqualTo(3); // not today's fourth
            assertThat(report.bySource().get("192.0.2.7").messages()).isEqualTo(2);
            assertThat(report.bySource().get("192.0.2.7").dmarcPass()).isEqualTo(2);
            assertThat(report.bySource().get("198.51.100.1").dmarcPass()).isZero();
            // the local destination was recorded as if it had been mailed to us
            assertThat(new SqliteDmarcStore(store.database()).received("local.test", 0)).hasSize(1);
            // sent once: the rows are gone; today's row waits
            sent.clear();
            assertThat(reporter.runDue()).isEmpty();
            assertThat(new SqliteDmarcStore(store.database()).evaluations("sender.test", 0, Long.MAX_VALUE)).hasSize(1);
        }
    }

    @Test
    void dnsTroubleVerifyingADestinationKeepsTheRowsForALaterRunThenGivesUp(@TempDir Path dir) throws Exception {
        try (SqliteStore store = new SqliteStore(dir); DmarcRecorder recorder = new DmarcRecorder(new SqliteDmarcStore(store.database()), clock)) {
            DmarcReporter reporter = reporter(store, dir, recorder);
            evaluate(recorder, "flaky.test", "192.0.2.1");
            clock.setOffset(Duration.ZERO);
            assertThat(reporter.runDue()).extracting(DmarcReporter.Outcome::result).allMatch(r -> r.startsWith("temperror"));
            assertThat(reporter.runDue()).hasSize(1); // tried again
            clock.setOffset(DmarcReporter.GIVE_UP_AFTER);
            assertThat(reporter.runDue()).hasSize(1);
            assertThat(reporter.runDue()).isEmpty(); // given up: the rows are gone
            assertThat(sent).isEmpty();
        }
    }

    /** The gzip'd XML attachment of a report mail, parsed. */
    static AggregateReport attachedReport(byte[] mail) {
        ParsedMessage p = MimeParser.parse(ByteBuffer.wrap(mail), MimeLimits.DEFAULT);
        for (MimePart part : p.root().leaves(false)) {
            if (part.contentType().mimeType().equals("application/gzip")) {
                byte[] gz = ContentDecoder.decodedBody(ByteBuffer.wrap(mail), part, 1 << 20);
                assertThat(new ByteArrayInputStream(gz).read()).isEqualTo(0x1f);
                return ((AggregateReportXml.Valid) AggregateReportXml.parse(gz)).report();
            }
        }
        throw new AssertionError("no application/gzip part in the report mail");
    }
}
