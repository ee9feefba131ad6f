package org.tegami.mailauth;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.tegami.store.DmarcStore;

/**
 * Contracts for the parsers that see message bytes from anyone: header fields are split and
 * removed without exceptions and without touching other bytes; report mail of any shape gives a
 * result (reports, duplicates or problems), never an exception.
 */
class MailAuthFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void headerFields(byte[] data) {
        List<HeaderFields.Field> fields = HeaderFields.of(data);
        int last = 0;
        for (HeaderFields.Field f : fields) {
            if (f.start() != last || f.end() <= f.start() || f.end() > data.length) {
                throw new AssertionError("fields must tile the header: " + f);
            }
            last = f.end();
        }
        byte[] without = HeaderFields.without(data, (n, v) -> n.equalsIgnoreCase("authentication-results"));
        long removed = fields.stream().filter(f -> f.name().equalsIgnoreCase("authentication-results"))
                .mapToLong(f -> f.end() - f.start()).sum();
        if (without.length != data.length - removed) {
            throw new AssertionError("removed " + (data.length - without.length) + " bytes, expected " + removed);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void reportMail(byte[] data) {
        String wrapped = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: application/gzip\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + java.util.Base64.getMimeEncoder().encodeToString(data)
                + "\r\n--b\r\nContent-Type: text/xml\r\n\r\n" + new String(data, StandardCharsets.ISO_8859_1) + "\r\n--b--\r\n";
        for (byte[] m : new byte[][] {data, wrapped.getBytes(StandardCharsets.ISO_8859_1)}) {
            ReportIntake.Result r = new ReportIntake(new NullStore(), Clock.systemUTC()).accept(m, false);
            if (r == null || r.problems() == null) {
                throw new AssertionError("no result");
            }
        }
    }

    /** Accepts every report and keeps nothing. */
    private static final class NullStore implements DmarcStore {
        public void record(List<Evaluation> evaluations) {}

        public List<String> domainsWithEvaluationsBefore(long before) {
            return List.of();
        }

        public List<Evaluation> evaluations(String policyDomain, long from, long before) {
            return List.of();
        }

        public int deleteEvaluations(String policyDomain, long before) {
            return 0;
        }

        public boolean addReceived(ReceivedReport report) {
            if (report.xmlGz() == null || report.policyDomain() == null) {
                throw new AssertionError("incomplete report " + report);
            }
            return true;
        }

        public List<ReceivedReport> received(String policyDomain, long since) {
            return List.of();
        }
    }
}
