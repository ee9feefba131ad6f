package org.tegami.mailauth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tegami.dmarc.AggregateReport;
import org.tegami.dmarc.AggregateReportXml;
import org.tegami.store.DmarcStore;

/**
 * What the aggregate reports other receivers sent about one of our domains add up to, for `tegami
 * dmarc summary`: per sending IP address (RFC 7489 Appendix C source_ip), the messages and how
 * many passed DMARC, DKIM and SPF, and what was done with them.
 *
 * @param reporters "org_name &lt;email&gt;", in order of first report
 * @param sources totals per source IP, busiest first
 * @param problems stored reports that no longer parse (none expected)
 */
public record ReportSummary(int reports, int unauthenticated, Set<String> reporters, long messages, long dmarcPass,
        Map<String, Source> sources, List<String> problems) {

    /** Totals for one source address. */
    public record Source(long messages, long dmarcPass, long dkimPass, long spfPass, Map<String, Long> dispositions) {}

    public static ReportSummary of(List<DmarcStore.ReceivedReport> received) {
        Set<String> reporters = new LinkedHashSet<>();
        Map<String, Source> sources = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        long messages = 0;
        long pass = 0;
        int unauthenticated = 0;
        for (DmarcStore.ReceivedReport r : received) {
            reporters.add(r.orgName() + (r.email() == null ? "" : " <" + r.email() + ">"));
            unauthenticated += r.authenticated() ? 0 : 1;
            if (!(AggregateReportXml.parse(r.xmlGz()) instanceof AggregateReportXml.Valid v)) {
                problems.add(r.orgName() + " report " + r.reportId());
                continue;
            }
            messages += v.report().messages();
            pass += v.report().dmarcPassMessages();
            for (AggregateReport.SourceSummary s : v.report().bySource().values()) {
                sources.merge(s.sourceIp(), new Source(s.messages(), s.dmarcPass(), s.dkimPass(), s.spfPass(),
                        s.dispositions()), ReportSummary::add);
            }
        }
        Map<String, Source> sorted = new LinkedHashMap<>();
        sources.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().messages(), a.getValue().messages()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new ReportSummary(received.size(), unauthenticated, reporters, messages, pass, sorted, problems);
    }

    private static Source add(Source a, Source b) {
        Map<String, Long> d = new LinkedHashMap<>(a.dispositions());
        b.dispositions().forEach((k, v) -> d.merge(k, v, Long::sum));
        return new Source(a.messages() + b.messages(), a.dmarcPass() + b.dmarcPass(), a.dkimPass() + b.dkimPass(),
                a.spfPass() + b.spfPass(), d);
    }
}
