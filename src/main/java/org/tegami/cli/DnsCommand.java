package org.tegami.cli;

import java.time.Clock;
import java.util.List;
import org.tegami.admin.Admin;
import org.tegami.app.Hostnames;
import org.tegami.config.TegamiConfig;
import org.tegami.dns.DnsjavaResolver;
import org.tegami.mailauth.DnsCheck;
import org.tegami.mailauth.DnsRecords;
import org.tegami.store.DkimKeyStore;
import org.tegami.store.sqlite.SqliteDkimKeyStore;
import org.tegami.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dns", description = "The DNS records a domain should publish, and whether it does.",
        subcommands = {DnsCommand.Records.class, DnsCommand.Check.class})
final class DnsCommand {

    /** --hostname, else [server] hostname, else this machine's name. */
    static String hostname(String option, TegamiConfig config) {
        if (option != null) {
            return option;
        }
        return config.server().hostname() != null ? config.server().hostname() : Hostnames.local();
    }

    static List<DkimKeyStore.Key> keys(SqliteStore store, String domain) {
        return new SqliteDkimKeyStore(store.database()).keys(domain);
    }

    @Command(name = "records", description = {"Print the records to publish, in zone-file syntax, one per line:",
        "MX, SPF, DKIM (each selector kept), DMARC with reports to [dmarc] report_address."})
    static final class Records extends AdminCommand {
        @Parameters(paramLabel = "DOMAIN")
        String domain;

        @Option(names = "--hostname", paramLabel = "NAME", description = "the MX host (default: [server] hostname, else this machine)")
        String hostname;

        @Option(names = "--policy", paramLabel = "none|quarantine|reject", description = "DMARC p= to publish (default quarantine)")
        String policy = "quarantine";

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            if (!List.of("none", "quarantine", "reject").contains(policy)) {
                throw new IllegalArgumentException("--policy must be none, quarantine or reject");
            }
            String d = Admin.canonicalDomain(domain);
            List<DkimKeyStore.Key> keys = keys(store, d);
            for (String line : DnsRecords.lines(d, hostname(hostname, config), keys, policy, config.dmarc().reportAddress())) {
                System.out.println(line);
            }
            if (keys.isEmpty()) {
                System.err.println("note: no DKIM key for " + d + " yet: tegami dkim keygen " + d);
            }
            return 0;
        }
    }

    @Command(name = "check", description = {"Resolve what DOMAIN publishes (through [dns] servers) and say what is",
        "missing or wrong. Exit status 1 when something is."})
    static final class Check extends AdminCommand {
        @Parameters(paramLabel = "DOMAIN")
        String domain;

        @Option(names = "--hostname", paramLabel = "NAME", description = "the MX host (default: [server] hostname, else this machine)")
        String hostname;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            String d = Admin.canonicalDomain(domain);
            var resolver = new DnsjavaResolver(config.dns().servers(), config.dns().timeout());
            List<DnsCheck.Finding> findings = new DnsCheck(resolver, Clock.systemUTC())
                    .check(d, hostname(hostname, config), keys(store, d), config.dmarc().reportAddress());
            long problems = findings.stream().filter(f -> f.level().problem()).count();
            for (DnsCheck.Finding f : findings) {
                System.out.printf("%-8s %-6s %s%n", f.level().keyword(), f.record(), f.message());
            }
            System.out.println(problems == 0 ? "all records of " + d + " are in place"
                    : problems + " problem(s) with the records of " + d);
            return problems == 0 ? 0 : 1;
        }
    }
}
