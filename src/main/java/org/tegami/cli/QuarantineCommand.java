package org.tegami.cli;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.tegami.admin.Admin;
import org.tegami.app.ThreatWiring;
import org.tegami.config.TegamiConfig;
import org.tegami.pipeline.Quarantine;
import org.tegami.store.QuarantineStore;
import org.tegami.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "quarantine", description = "Messages held by the threat check (works while the server runs).",
        subcommands = {QuarantineCommand.ListHeld.class, QuarantineCommand.Show.class, QuarantineCommand.Release.class,
                QuarantineCommand.Delete.class})
final class QuarantineCommand {

    static Quarantine quarantine(SqliteStore store) {
        return ThreatWiring.quarantine(store, Clock.systemUTC());
    }

    @Command(name = "list", description = "One line per held message: id, date, kind, sender, recipients, subject, verdict.")
    static final class ListHeld extends AdminCommand {
        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            List<QuarantineStore.Entry> entries = quarantine(store).list();
            for (QuarantineStore.Entry e : entries) {
                System.out.println(summary(e));
            }
            System.out.println(entries.size() + " message(s) in quarantine");
            return 0;
        }
    }

    @Command(name = "show", description = "One held message: its verdict with every finding, and its header.")
    static final class Show extends AdminCommand {
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) throws Exception {
            Quarantine q = quarantine(store);
            var found = q.get(id);
            if (found.isEmpty()) {
                System.err.println("tegami: no quarantined message " + id);
                return 1;
            }
            QuarantineStore.Entry e = found.get();
            System.out.println(summary(e));
            System.out.println("verdict: " + e.verdict());
            System.out.println("details: " + e.details());
            byte[] content = q.content(e);
            System.out.println();
            System.out.print(new String(content, 0, headerEnd(content), StandardCharsets.UTF_8));
            return 0;
        }
    }

    @Command(name = "release", description = "Deliver a held message to the INBOX of the accounts it was for (with its X-Tegami-Verdict).")
    static final class Release extends AdminCommand {
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) throws Exception {
            var released = quarantine(store).release(id);
            if (released.isEmpty()) {
                System.err.println("tegami: no quarantined message " + id);
                return 1;
            }
            Quarantine.Released r = released.get();
            if (r.delivered().isEmpty()) {
                System.err.println("tegami: none of the accounts of message " + id + " exists any more ("
                        + String.join(", ", r.missing()) + "); it stays in quarantine");
                return 1;
            }
            System.out.println("released quarantined message " + id + " to " + String.join(", ", r.delivered())
                    + (r.missing().isEmpty() ? "" : " (no longer existing: " + String.join(", ", r.missing()) + ")"));
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a held message without delivering it.")
    static final class Delete extends AdminCommand {
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            if (!quarantine(store).delete(id)) {
                System.err.println("tegami: no quarantined message " + id);
                return 1;
            }
            System.out.println("deleted quarantined message " + id);
            return 0;
        }
    }

    static String summary(QuarantineStore.Entry e) {
        return e.id() + "\t" + Instant.ofEpochMilli(e.createdAt()) + "\t" + e.kind().name().toLowerCase(Locale.ROOT)
                + "\tfrom " + (e.from().isEmpty() ? "<" + e.sender() + ">" : e.from()) + "\tto " + String.join(",", e.recipients())
                + "\t\"" + e.subject() + "\"\t" + e.verdict();
    }

    private static int headerEnd(byte[] m) {
        for (int i = 0; i + 3 < m.length; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') {
                return i + 2;
            }
        }
        return m.length;
    }
}
