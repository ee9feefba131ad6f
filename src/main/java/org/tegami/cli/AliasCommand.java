package org.tegami.cli;

import org.tegami.admin.Admin;
import org.tegami.config.TegamiConfig;
import org.tegami.store.Alias;
import org.tegami.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "alias", description = "Manage aliases (SOURCE may be @domain for a catch-all).",
        subcommands = {AliasCommand.Add.class, AliasCommand.Remove.class, AliasCommand.ListAliases.class})
final class AliasCommand {

    @Command(name = "add", description = "Deliver mail for SOURCE to TARGET as well (TARGET may be remote).")
    static final class Add extends AdminCommand {
        @Parameters(index = "0", paramLabel = "SOURCE")
        String source;

        @Parameters(index = "1", paramLabel = "TARGET")
        String target;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            Alias a = admin.addAlias(source, target);
            System.out.println("added alias " + a.source() + " -> " + a.target());
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove an alias (all its targets when TARGET is omitted).")
    static final class Remove extends AdminCommand {
        @Parameters(index = "0", paramLabel = "SOURCE")
        String source;

        @Parameters(index = "1", paramLabel = "TARGET", arity = "0..1")
        String target;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            if (!admin.removeAlias(source, target)) {
                System.err.println("tegami: no such alias: " + source + (target == null ? "" : " -> " + target));
                return 1;
            }
            System.out.println("removed alias " + source + (target == null ? "" : " -> " + target));
            return 0;
        }
    }

    @Command(name = "list", description = "List aliases, optionally of one domain.")
    static final class ListAliases extends AdminCommand {
        @Parameters(paramLabel = "DOMAIN", arity = "0..1")
        String domain;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            for (Alias a : admin.aliases(domain)) {
                System.out.println(a.source() + " -> " + a.target());
            }
            return 0;
        }
    }
}
