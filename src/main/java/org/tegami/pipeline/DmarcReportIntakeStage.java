package org.tegami.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.directory.Resolution;
import org.tegami.dkim.DkimResult;
import org.tegami.mailauth.ReportIntake;

/**
 * Mail to the report address of a local domain ([dmarc] report_address, the rua= that `tegami dns
 * records` publishes): the DMARC aggregate reports attached are parsed and recorded for `tegami
 * dmarc summary` (RFC 7489 §7.2). Copies still go to any mailbox the address resolves to; without
 * one, recording is all that happens. Reports are kept whether or not their mail authenticated,
 * marked accordingly.
 */
public final class DmarcReportIntakeStage implements Stage {

    private static final Logger LOG = LoggerFactory.getLogger("tegami.dmarc");

    private final ReportIntake intake;
    private final String reportLocalPart;

    public DmarcReportIntakeStage(ReportIntake intake, String reportLocalPart) {
        this.intake = intake;
        this.reportLocalPart = reportLocalPart;
    }

    @Override
    public String name() {
        return "dmarc-report-intake";
    }

    @Override
    public Outcome apply(InboundMessage m) {
        if (m.recipients().stream().noneMatch(r -> r.resolution() instanceof Resolution.Local
                && r.address().localPart().equalsIgnoreCase(reportLocalPart))) {
            return null;
        }
        MessageAuthentication a = m.get(MessageAuthentication.class);
        boolean authenticated = a != null && (a.isSubmission() || a.dmarcPass() || a.dkim().stream().anyMatch(DkimResult::isPass));
        ReportIntake.Result r = intake.accept(m.content(), authenticated);
        m.note("dmarc-reports stored=" + r.stored().size() + " duplicates=" + r.duplicates());
        if (!r.found()) {
            LOG.info("message {} to the DMARC report address held no aggregate report{}", m.id(),
                    r.problems().isEmpty() ? "" : ": " + String.join("; ", r.problems()));
        }
        return null;
    }
}
