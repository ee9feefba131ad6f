package org.tegami.store;

import java.util.List;
import org.tegami.dmarc.AggregateReport;
import org.tegami.dmarc.DmarcRecord;

/**
 * DMARC reporting state (RFC 7489 §7.2): evaluations of received mail waiting for the daily
 * aggregate report, and the aggregate reports others sent about our domains.
 */
public interface DmarcStore {

    /**
     * One evaluated message whose policy record asks for aggregate reports.
     *
     * @param rua the record's report addresses
     * @param policy the record as published, for the report's policy_published
     * @param row the message's report row (count 1)
     */
    record Evaluation(long evaluatedAt, String policyDomain, List<DmarcRecord.ReportUri> rua,
            AggregateReport.PolicyPublished policy, AggregateReport.Row row) {
        public Evaluation {
            rua = List.copyOf(rua);
        }
    }

    /** Records evaluations (one transaction). */
    void record(List<Evaluation> evaluations);

    /** Policy domains with evaluations older than {@code before} (epoch millis). */
    List<String> domainsWithEvaluationsBefore(long before);

    /** A domain's evaluations in [from, before), oldest first. */
    List<Evaluation> evaluations(String policyDomain, long from, long before);

    /** Forgets a domain's evaluations older than {@code before} (their report was sent or dropped). */
    int deleteEvaluations(String policyDomain, long before);

    /**
     * An aggregate report received from another organisation.
     *
     * @param authenticated the report mail passed DMARC (or a DKIM signature passed)
     * @param xmlGz the report XML, gzip-compressed
     */
    record ReceivedReport(long id, long receivedAt, String orgName, String email, String reportId, String policyDomain,
            long begin, long end, boolean authenticated, byte[] xmlGz) {}

    /** Stores a received report; false when the same org_name and report_id is already there. */
    boolean addReceived(ReceivedReport report);

    /** Received reports about a domain whose period ended at or after {@code sinceEpochSeconds}, oldest first. */
    List<ReceivedReport> received(String policyDomain, long sinceEpochSeconds);
}
