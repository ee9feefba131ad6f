package org.tegami.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tegami.config.TegamiConfig;
import org.tegami.dkim.DkimVerifier;
import org.tegami.dmarc.DmarcEvaluator;
import org.tegami.dmarc.ReportDestinations;
import org.tegami.dns.Resolver;
import org.tegami.mailauth.DkimKeyring;
import org.tegami.mailauth.DmarcRecorder;
import org.tegami.mailauth.DmarcReporter;
import org.tegami.mailauth.ReportIntake;
import org.tegami.mailauth.TrustedForwarders;
import org.tegami.pipeline.AuthPolicyStage;
import org.tegami.pipeline.AuthResultsStage;
import org.tegami.pipeline.DkimSignStage;
import org.tegami.pipeline.DkimVerifyStage;
import org.tegami.pipeline.DmarcReportIntakeStage;
import org.tegami.pipeline.DmarcStage;
import org.tegami.pipeline.ForeignAuthResultsStage;
import org.tegami.pipeline.SpfStage;
import org.tegami.pipeline.Stage;
import org.tegami.queue.OutboundQueue;
import org.tegami.queue.OutgoingSigner;
import org.tegami.spf.SpfVerifier;
import org.tegami.store.DirectoryStore;
import org.tegami.store.QueueStore;
import org.tegami.store.sqlite.SqliteDkimKeyStore;
import org.tegami.store.sqlite.SqliteDmarcStore;
import org.tegami.store.sqlite.SqliteStore;

/**
 * Mail authentication, wired ([mail_auth], [dmarc]): the inbound stages (strip forged
 * Authentication-Results, SPF, DKIM, DMARC, Authentication-Results, policy, report intake), the
 * DKIM signing stage, the signer the queue uses for its reports, and the daily DMARC reporter.
 */
final class MailAuthWiring {

    private final TegamiConfig config;
    private final String hostname;
    private final Resolver resolver;
    private final Clock clock;
    private final DirectoryStore directory;
    final DkimKeyring keyring;
    final SqliteDmarcStore dmarcStore;
    final DmarcRecorder recorder;
    final ReportIntake intake;
    private final DmarcEvaluator evaluator;
    DmarcReporter reporter;

    MailAuthWiring(TegamiConfig config, String hostname, Path dataDir, SqliteStore store, Resolver resolver, Clock clock)
            throws IOException {
        this.config = config;
        this.hostname = hostname;
        this.resolver = resolver;
        this.clock = clock;
        this.directory = store.directory();
        this.keyring = DkimKeyring.open(new SqliteDkimKeyStore(store.database()), dataDir, clock);
        this.dmarcStore = new SqliteDmarcStore(store.database());
        this.recorder = config.dmarc().reports() ? new DmarcRecorder(dmarcStore, clock) : null;
        this.intake = new ReportIntake(dmarcStore, clock);
        this.evaluator = new DmarcEvaluator(resolver);
    }

    /** Signs what the queue writes itself (DSNs from MAILER-DAEMON@hostname). */
    OutgoingSigner queueSigner() {
        return config.mailAuth().sign() ? keyring::sign : OutgoingSigner.NONE;
    }

    /** The inbound stages, in order, to run after Received: is added. */
    List<Stage> inboundStages() {
        List<Stage> stages = new ArrayList<>();
        stages.add(new ForeignAuthResultsStage(hostname));
        var ma = config.mailAuth();
        if (ma.verify()) {
            stages.add(new SpfStage(new SpfVerifier(resolver, clock, hostname)));
            stages.add(new DkimVerifyStage(new DkimVerifier(resolver, clock)));
            stages.add(new DmarcStage(evaluator, TrustedForwarders.of(ma.trustedForwarders()), recorder));
            stages.add(new AuthResultsStage(hostname, ma.receivedSpf()));
            stages.add(new AuthPolicyStage(ma.spfFailReject(), ma.temperrorDefer()));
        }
        stages.add(new DmarcReportIntakeStage(intake, config.dmarc().reportAddress()));
        return stages;
    }

    /** DKIM signing of submitted mail: the last transform before the message is queued; null when off. */
    Stage signStage() {
        return config.mailAuth().sign() ? new DkimSignStage(keyring) : null;
    }

    /** Starts the daily aggregate reports through the queue (when [dmarc] reports is on). */
    void startReporter(OutboundQueue queue) {
        if (recorder == null) {
            return;
        }
        DmarcReporter.Submitter submit = (message, sender, rcpt, rcptDomain) -> queue.submit(message, sender, null, null,
                false, "dmarc aggregate report", List.of(new QueueStore.NewRecipient(rcpt, rcptDomain, null, "NEVER")));
        reporter = new DmarcReporter(dmarcStore, recorder, new ReportDestinations(resolver, evaluator.organizationalDomains()),
                keyring, intake, d -> directory.isLocalDomain(d), this::identity, submit, clock);
        reporter.start();
    }

    /** Our name in reports: the local domain the host name belongs to (else the first local domain). */
    DmarcReporter.Identity identity() {
        String domain = primaryDomain(hostname, directory.domains());
        String org = config.dmarc().orgName() != null ? config.dmarc().orgName() : hostname;
        return new DmarcReporter.Identity(org, domain, config.dmarc().reportAddress() + "@" + domain);
    }

    static String primaryDomain(String hostname, List<String> localDomains) {
        String host = hostname.toLowerCase(Locale.ROOT);
        String best = null;
        for (String d : localDomains) {
            if ((host.equals(d) || host.endsWith("." + d)) && (best == null || d.length() > best.length())) {
                best = d;
            }
        }
        if (best != null) {
            return best;
        }
        return localDomains.isEmpty() ? host : localDomains.get(0);
    }

    void close() {
        if (reporter != null) {
            reporter.close();
        }
        if (recorder != null) {
            recorder.close();
        }
    }
}
