package org.tegami.cli;

import org.tegami.admin.Admin;
import org.tegami.config.TegamiConfig;
import org.tegami.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "domain", description = "Manage the domains we receive mail for.",
        subcommands = {DomainCommand.Add.class, DomainCommand.Remove.class, DomainCommand.ListDomains.class})
final class DomainCommand {

    @Command(name = "add", description = "Add a local domain.")
    static final class Add extends AdminCommand {
        @Parameters(paramLabel = "DOMAIN")
        String domain;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            System.out.println("added domain " + admin.addDomain(domain));
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove a local domain that has no accounts.")
    static final class Remove extends AdminCommand {
        @Parameters(paramLabel = "DOMAIN")
        String domain;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            if (!admin.removeDomain(domain)) {
                System.err.println("tegami: no such domain: " + domain);
                return 1;
            }
            System.out.println("removed domain " + Admin.canonicalDomain(domain));
            return 0;
        }
    }

    @Command(name = "list", description = "List local domains.")
    static final class ListDomains extends AdminCommand {
        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            admin.domains().forEach(System.out::println);
            return 0;
        }
    }
}
