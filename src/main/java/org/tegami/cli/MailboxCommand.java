package org.tegami.cli;

import org.tegami.admin.Admin;
import org.tegami.config.TegamiConfig;
import org.tegami.store.MailboxStatus;
import org.tegami.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "mailbox", description = "Inspect mailboxes.", subcommands = {MailboxCommand.Status.class})
final class MailboxCommand {

    @Command(name = "status", description = "One line per mailbox: name, then its message count"
            + " (--verbose adds unseen, size, UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ).")
    static final class Status extends AdminCommand {
        @Parameters(paramLabel = "ADDRESS")
        String address;

        @Option(names = {"-v", "--verbose"}, description = "more columns")
        boolean verbose;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            for (MailboxStatus s : admin.mailboxStatus(address)) {
                String line = s.mailbox().name() + " " + s.messages();
                if (verbose) {
                    line += " unseen=" + s.unseen() + " size=" + s.size() + " uidvalidity=" + s.mailbox().uidValidity()
                            + " uidnext=" + s.mailbox().uidNext() + " highestmodseq=" + s.mailbox().highestModSeq();
                }
                System.out.println(line);
            }
            return 0;
        }
    }
}
