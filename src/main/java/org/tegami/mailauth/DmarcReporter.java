package org.tegami.mailauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.dmarc.AggregateReport;
import org.tegami.dmarc.AggregateReportMail;
import org.tegami.dmarc.AggregateReportXml;
import org.tegami.dmarc.DmarcRecord;
import org.tegami.dmarc.ReportDestinations;
import org.tegami.store.DmarcStore;

/**
 * Sends DMARC aggregate reports (RFC 7489 §7.2): once a day, for every policy domain whose mail we
 * evaluated during a completed UTC day and whose record has rua=, one Appendix C report per day,
 * to each rua address that passes the external-destination check of §7.1, gzip'd, DKIM-signed and
 * queued. A destination in one of our own domains is recorded directly. DNS trouble in that check
 * keeps the day's rows for the next run (for at most {@link #GIVE_UP_AFTER}).
 */
public final class DmarcReporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("tegami.dmarc");
    /** Rows a temporary DNS failure keeps waiting are dropped after this long. */
    static final Duration GIVE_UP_AFTER = Duration.ofDays(3);
    /** Reports go out this long after midnight UTC. */
    private static final Duration RUN_AFTER_MIDNIGHT = Duration.ofMinutes(5);

    /** Puts a report mail in the outbound queue. */
    @FunctionalInterface
    public interface Submitter {
        void submit(byte[] message, String sender, String recipient, String recipientDomain) throws Exception;
    }

    /**
     * Who we are in the reports we send.
     *
     * @param orgName report_metadata org_name
     * @param receiverDomain our domain: the file name's "receiver", the From domain (and DKIM d=)
     * @param fromAddress report_metadata email and the From/envelope sender of report mail
     */
    public record Identity(String orgName, String receiverDomain, String fromAddress) {}

    /** What happened to one report for one destination. */
    public record Outcome(String policyDomain, long begin, String destination, String result) {}

    private final DmarcStore store;
    private final DmarcRecorder recorder;
    private final ReportDestinations destinations;
    private final DkimKeyring keyring;
    private final ReportIntake intake;
    private final Predicate<String> isLocalDomain;
    private final Supplier<Identity> identity;
    private final Submitter queue;
    private final Clock clock;
    private Thread scheduler;

    public DmarcReporter(DmarcStore store, DmarcRecorder recorder, ReportDestinations destinations, DkimKeyring keyring,
            ReportIntake intake, Predicate<String> isLocalDomain, Supplier<Identity> identity, Submitter queue, Clock clock) {
        this.store = store;
        this.recorder = recorder;
        this.destinations = destinations;
        this.keyring = keyring;
        this.intake = intake;
        this.isLocalDomain = isLocalDomain;
        this.identity = identity;
        this.queue = queue;
        this.clock = clock;
    }

    /** Reports every completed UTC day not yet reported; returns what happened per destination. */
    public List<Outcome> runDue() {
        recorder.flush();
        long today = clock.instant().truncatedTo(ChronoUnit.DAYS).toEpochMilli();
        List<Outcome> out = new ArrayList<>();
        for (String domain : store.domainsWithEvaluationsBefore(today)) {
            try {
                reportDomain(domain, today, out);
            } catch (RuntimeException e) {
                LOG.warn("DMARC report for {} failed: {}", domain, e.getMessage());
            }
        }
        return out;
    }

    private void reportDomain(String domain, long today, List<Outcome> out) {
        Map<Long, List<DmarcStore.Evaluation>> byDay = new LinkedHashMap<>();
        for (DmarcStore.Evaluation e : store.evaluations(domain, 0, today)) {
            long day = Instant.ofEpochMilli(e.evaluatedAt()).truncatedTo(ChronoUnit.DAYS).toEpochMilli();
            byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<Long, List<DmarcStore.Evaluation>> day : byDay.entrySet()) {
            long end = day.getKey() + Duration.ofDays(1).toMillis();
            boolean retry = sendDay(domain, day.getKey(), day.getValue(), out);
            if (retry && today - day.getKey() < GIVE_UP_AFTER.toMillis()) {
                return; // this day and later ones wait for the next run
            }
            store.deleteEvaluations(domain, end);
        }
    }

    /** @return true when a destination could not be checked because of DNS (try again later) */
    private boolean sendDay(String domain, long dayStart, List<DmarcStore.Evaluation> rows, List<Outcome> out) {
        DmarcStore.Evaluation latest = rows.get(rows.size() - 1);
        Identity me = identity.get();
        long begin = dayStart / 1000;
        long end = begin + 86_400 - 1;
        AggregateReport report = AggregateReport.aggregate(
                new AggregateReport.Metadata(me.orgName(), me.fromAddress(), null,
                        domain + "." + begin + "@" + me.receiverDomain(), begin, end, List.of()),
                latest.policy(), rows.stream().map(DmarcStore.Evaluation::row).toList());
        boolean retry = false;
        for (DmarcRecord.ReportUri uri : latest.rua()) {
            String result = send(domain, report, uri, me);
            retry |= result.startsWith("temperror");
            out.add(new Outcome(domain, begin, uri.uri(), result));
            LOG.info("DMARC aggregate report for {} ({} messages, day {}) to {}: {}", domain, report.messages(),
                    Instant.ofEpochSecond(begin).atZone(ZoneOffset.UTC).toLocalDate(), uri.uri(), result);
        }
        return retry;
    }

    private String send(String domain, AggregateReport report, DmarcRecord.ReportUri uri, Identity me) {
        String address = uri.mailAddress();
        if (address == null) {
            return "skipped: not a usable mailto: URI";
        }
        String rcptDomain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (isLocalDomain.test(rcptDomain)) {
            boolean added = intake.store(report, AggregateReportXml.gzip(AggregateReportXml.write(report)), true);
            return added ? "recorded locally" : "already recorded locally";
        }
        switch (destinations.verify(domain, uri)) {
            case TEMPERROR -> {
                return "temperror: DNS failure verifying the destination (RFC 7489 §7.1), will retry";
            }
            case NOT_AUTHORIZED -> {
                return "skipped: " + rcptDomain + " does not accept reports for " + domain + " (RFC 7489 §7.1)";
            }
            case AUTHORIZED -> { }
        }
        byte[] mail = keyring.sign(AggregateReportMail.build(report, me.receiverDomain(), me.fromAddress(), address, clock,
                me.receiverDomain()));
        if (uri.maxBytes() > 0 && mail.length > uri.maxBytes()) {
            return "skipped: " + mail.length + " bytes is over the destination's limit of " + uri.maxBytes();
        }
        try {
            queue.submit(mail, me.fromAddress(), address, rcptDomain);
            return "queued";
        } catch (Exception e) {
            return "temperror: could not queue: " + e.getMessage();
        }
    }

    /** Runs {@link #runDue()} a few minutes after every UTC midnight (and once soon after start). */
    public void start() {
        scheduler = Thread.ofVirtual().name("dmarc-reports").start(() -> {
            Instant next = clock.instant().plus(Duration.ofMinutes(1));
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Duration wait = Duration.between(clock.instant(), next);
                    if (!wait.isNegative() && !wait.isZero()) {
                        Thread.sleep(wait.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : wait);
                        continue;
                    }
                    runDue();
                    next = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).plus(RUN_AFTER_MIDNIGHT);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("DMARC reporting failed: {}", e.getMessage());
                    next = clock.instant().plus(Duration.ofHours(1));
                }
            }
        });
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.interrupt();
        }
    }
}
