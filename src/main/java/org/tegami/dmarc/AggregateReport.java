package org.tegami.dmarc;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tegami.dkim.DkimResult;
import org.tegami.spf.SpfResult;

/**
 * A DMARC aggregate report (RFC 7489 §7.2, Appendix C schema), as built for sending or parsed
 * from a received report. Plain values, so the store can keep rows and the report is rebuilt.
 */
public record AggregateReport(Metadata metadata, PolicyPublished policy, List<Row> rows) {

    /** report_metadata. begin/end are seconds since the epoch (UTC). */
    public record Metadata(String orgName, String email, String extraContact, String reportId, long begin, long end,
            List<String> errors) {}

    /** policy_published: the record as the reporter saw it. */
    public record PolicyPublished(String domain, String adkim, String aspf, String p, String sp, int pct, String np, String fo) {
        public static PolicyPublished of(String domain, DmarcRecord r) {
            return new PolicyPublished(domain, r.dkimAlignment().keyword(), r.spfAlignment().keyword(),
                    r.policy().keyword(), r.subdomainPolicy().keyword(), r.percent(), r.nonexistentPolicy().keyword(),
                    String.join(":", r.failureOptions()));
        }
    }

    /** One record: a group of messages sharing all of these values, and how many there were. */
    public record Row(String sourceIp, long count, String disposition, String dkim, String spf, List<Reason> reasons,
            String headerFrom, String envelopeFrom, String envelopeTo, List<DkimAuth> dkimResults, List<SpfAuth> spfResults) {

        /**
         * The row for one evaluated message (count 1): policy_evaluated from the DMARC result,
         * auth_results from the raw SPF and DKIM results (RFC 7489 Appendix C).
         */
        public static Row of(InetAddress source, String envelopeFrom, DmarcResult dmarc, SpfResult spf, List<DkimResult> dkim) {
            List<Reason> reasons = dmarc.override() == null ? List.of() : List.of(new Reason(dmarc.override().keyword(), null));
            List<DkimAuth> d = new ArrayList<>();
            for (DkimResult r : dkim) {
                if (r.domain() != null) {
                    d.add(new DkimAuth(r.domain(), r.selector(), r.status().keyword(), null));
                }
            }
            List<SpfAuth> s = spf == null || spf.domain() == null ? List.of()
                    : List.of(new SpfAuth(spf.domain(), spf.identity() == SpfResult.Identity.HELO ? "helo" : "mfrom", spf.result().keyword()));
            return new Row(InetAddresses.toAddrString(source), 1, dmarc.disposition().keyword(),
                    dmarc.dkimAligned() ? "pass" : "fail", dmarc.spfAligned() ? "pass" : "fail", reasons,
                    dmarc.fromDomain(), envelopeFrom, null, d, s);
        }

        /** This row with another count. */
        public Row withCount(long n) {
            return new Row(sourceIp, n, disposition, dkim, spf, reasons, headerFrom, envelopeFrom, envelopeTo, dkimResults, spfResults);
        }

        /** True when DMARC passed for these messages (aligned DKIM or SPF pass). */
        public boolean dmarcPass() {
            return "pass".equals(dkim) || "pass".equals(spf);
        }
    }

    public record Reason(String type, String comment) {}

    public record DkimAuth(String domain, String selector, String result, String humanResult) {}

    public record SpfAuth(String domain, String scope, String result) {}

    /** A report whose rows are {@code rows} merged: identical rows become one with the counts added. */
    public static AggregateReport aggregate(Metadata metadata, PolicyPublished policy, List<Row> rows) {
        Map<Row, Long> counts = new LinkedHashMap<>();
        for (Row r : rows) {
            counts.merge(r.withCount(0), r.count(), Long::sum);
        }
        List<Row> merged = new ArrayList<>();
        counts.forEach((row, n) -> merged.add(row.withCount(n)));
        return new AggregateReport(metadata, policy, List.copyOf(merged));
    }

    /** Per-source totals, e.g. for "tegami dmarc summary". */
    public record SourceSummary(String sourceIp, long messages, long dmarcPass, long dkimPass, long spfPass,
            Map<String, Long> dispositions) {
        public long dmarcFail() {
            return messages - dmarcPass;
        }
    }

    /** Totals per source IP, in order of first appearance. */
    public Map<String, SourceSummary> bySource() {
        Map<String, SourceSummary> out = new LinkedHashMap<>();
        for (Row r : rows) {
            SourceSummary s = out.getOrDefault(r.sourceIp(), new SourceSummary(r.sourceIp(), 0, 0, 0, 0, Map.of()));
            Map<String, Long> disp = new LinkedHashMap<>(s.dispositions());
            disp.merge(r.disposition() == null || r.disposition().isEmpty() ? "unknown" : r.disposition(), r.count(), Long::sum);
            out.put(r.sourceIp(), new SourceSummary(r.sourceIp(), s.messages() + r.count(),
                    s.dmarcPass() + (r.dmarcPass() ? r.count() : 0), s.dkimPass() + ("pass".equals(r.dkim()) ? r.count() : 0),
                    s.spfPass() + ("pass".equals(r.spf()) ? r.count() : 0), Map.copyOf(disp)));
        }
        return out;
    }

    /** Total messages covered. */
    public long messages() {
        return rows.stream().mapToLong(Row::count).sum();
    }

    /** Messages for which DMARC passed. */
    public long dmarcPassMessages() {
        return rows.stream().filter(Row::dmarcPass).mapToLong(Row::count).sum();
    }
}
