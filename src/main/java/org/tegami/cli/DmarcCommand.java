package org.tegami.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tegami.admin.Admin;
import org.tegami.config.TegamiConfig;
import org.tegami.mailauth.ReportSummary;
import org.tegami.store.sqlite.SqliteDmarcStore;
import org.tegami.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dmarc", description = "DMARC aggregate reports about our domains.", subcommands = {DmarcCommand.Summary.class})
final class DmarcCommand {

    @Command(name = "summary", description = {"Summarise the aggregate reports other receivers sent about DOMAIN:",
        "per reporter and per sending IP address, messages and DMARC/DKIM/SPF pass and fail counts."})
    static final class Summary extends AdminCommand {
        @Parameters(paramLabel = "DOMAIN")
        String domain;

        @Option(names = "--days", paramLabel = "N", description = "reports covering the last N days (default 30; 0 = all)")
        int days = 30;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            String d = Admin.canonicalDomain(domain);
            long since = days <= 0 ? 0 : Instant.now(Clock.systemUTC()).minus(Duration.ofDays(days)).getEpochSecond();
            ReportSummary s = ReportSummary.of(new SqliteDmarcStore(store.database()).received(d, since));
            System.out.println("DMARC aggregate reports for " + d + (days > 0 ? " (last " + days + " days)" : "") + ": "
                    + s.reports() + " report(s) from " + s.reporters().size() + " reporter(s), " + s.messages()
                    + " message(s), DMARC pass " + s.dmarcPass() + ", fail " + (s.messages() - s.dmarcPass())
                    + (s.unauthenticated() > 0 ? " (" + s.unauthenticated() + " report(s) arrived unauthenticated)" : ""));
            for (String r : s.reporters()) {
                System.out.println("  reporter " + r);
            }
            for (Map.Entry<String, ReportSummary.Source> e : s.sources().entrySet()) {
                ReportSummary.Source src = e.getValue();
                System.out.printf("  source %-39s messages %6d  dmarc pass %6d fail %6d  dkim pass %6d  spf pass %6d  %s%n",
                        e.getKey(), src.messages(), src.dmarcPass(), src.messages() - src.dmarcPass(), src.dkimPass(),
                        src.spfPass(), dispositions(src.dispositions()));
            }
            for (String p : s.problems()) {
                System.out.println("  unreadable: " + p);
            }
            return 0;
        }

        private static String dispositions(Map<String, Long> d) {
            List<String> parts = d.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
            return "disposition " + String.join(" ", parts);
        }
    }
}
