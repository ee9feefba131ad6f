package org.tegami.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tegami.dmarc.AggregateReport;
import org.tegami.dmarc.DmarcRecord;
import org.tegami.store.DmarcStore;

/** Evaluation rows come back exactly as recorded, whatever DNS and messages put in them. */
class SqliteDmarcStoreTest {

    @Test
    void rowsRoundTripIncludingAwkwardValues(@TempDir Path dir) {
        try (SqliteStore store = new SqliteStore(dir)) {
            SqliteDmarcStore dmarc = new SqliteDmarcStore(store.database());
            AggregateReport.Row row = new AggregateReport.Row("2001:db8::1", 1, "quarantine", "fail", "pass",
                    List.of(new AggregateReport.Reason("trusted_forwarder", "tab\there\nnewline \\0 and \\ backslash"),
                            new AggregateReport.Reason("local_policy", null)),
                    "example.org", null, null,
                    List.of(new AggregateReport.DkimAuth("example.org", "s\t1", "fail", null),
                            new AggregateReport.DkimAuth("other.test", "", "pass", "ok")),
                    List.of(new AggregateReport.SpfAuth("example.org", "mfrom", "pass")));
            var policy = new AggregateReport.PolicyPublished("example.org", "r", "s", "reject", "quarantine", 50, "reject", "0:1");
            var rua = List.of(new DmarcRecord.ReportUri("mailto:a@example.org", 10485760), new DmarcRecord.ReportUri("mailto:b@x.test", 0));
            dmarc.record(List.of(new DmarcStore.Evaluation(1000, "example.org", rua, policy, row)));
            dmarc.record(List.of(new DmarcStore.Evaluation(5000, "example.org", rua, policy, row)));
            assertThat(dmarc.domainsWithEvaluationsBefore(1001)).containsExactly("example.org");
            assertThat(dmarc.domainsWithEvaluationsBefore(1000)).isEmpty();
            List<DmarcStore.Evaluation> back = dmarc.evaluations("example.org", 0, 2000);
            assertThat(back).containsExactly(new DmarcStore.Evaluation(1000, "example.org", rua, policy, row));
            assertThat(dmarc.deleteEvaluations("example.org", 2000)).isEqualTo(1);
            assertThat(dmarc.evaluations("example.org", 0, Long.MAX_VALUE)).hasSize(1);
        }
    }

    @Test
    void receivedReportsAreStoredOncePerReporterAndId(@TempDir Path dir) {
        try (SqliteStore store = new SqliteStore(dir)) {
            SqliteDmarcStore dmarc = new SqliteDmarcStore(store.database());
            var r = new DmarcStore.ReceivedReport(0, 1, "Org", "r@org.test", "id-1", "example.org", 100, 200, true, new byte[] {1, 2});
            assertThat(dmarc.addReceived(r)).isTrue();
            assertThat(dmarc.addReceived(r)).isFalse();
            assertThat(dmarc.addReceived(new DmarcStore.ReceivedReport(0, 1, "Other", null, "id-1", "example.org", 300, 400, false,
                    new byte[] {3}))).isTrue();
            assertThat(dmarc.received("example.org", 0)).extracting(DmarcStore.ReceivedReport::orgName).containsExactly("Org", "Other");
            assertThat(dmarc.received("example.org", 250)).extracting(DmarcStore.ReceivedReport::orgName).containsExactly("Other");
            assertThat(dmarc.received("example.net", 0)).isEmpty();
        }
    }
}
