package org.tegami.cli;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.tegami.admin.Admin;
import org.tegami.app.Hostnames;
import org.tegami.config.TegamiConfig;
import org.tegami.queue.QueueAdmin;
import org.tegami.store.QueueStore;
import org.tegami.store.sqlite.SqliteStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "queue", description = "Inspect and manage the outbound queue (works while the server runs).",
        subcommands = {QueueCommand.ListQueue.class, QueueCommand.Show.class, QueueCommand.Retry.class,
                QueueCommand.Delete.class})
final class QueueCommand {

    static QueueAdmin admin(SqliteStore store, TegamiConfig config) {
        String host = config.server().hostname() != null ? config.server().hostname() : Hostnames.local();
        return new QueueAdmin(store.queue(), store.blobs(), host, Clock.systemUTC());
    }

    @Command(name = "list", description = "One line per queued message, then its recipients.")
    static final class ListQueue extends AdminCommand {
        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            var messages = admin(store, config).list();
            for (QueueStore.QueuedMessage m : messages) {
                System.out.println(summary(m));
                for (QueueStore.QueuedRecipient r : m.recipients()) {
                    System.out.println("    " + recipient(r));
                }
            }
            long rcpts = messages.stream().flatMap(m -> m.recipients().stream())
                    .filter(r -> r.status() == QueueStore.Status.QUEUED).count();
            System.out.println(messages.size() + " message(s), " + rcpts + " recipient(s) queued");
            return 0;
        }
    }

    @Command(name = "show", description = "Everything about one queued message, and its header.")
    static final class Show extends AdminCommand {
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) throws Exception {
            QueueAdmin q = admin(store, config);
            var found = q.show(id);
            if (found.isEmpty()) {
                System.err.println("tegami: no queued message " + id);
                return 1;
            }
            QueueStore.QueuedMessage m = found.get();
            System.out.println(summary(m));
            System.out.println("origin: " + m.origin());
            System.out.println("blob: " + m.sha256() + (m.envid() == null ? "" : "\nenvid: " + m.envid())
                    + (m.ret() == null ? "" : "\nret: " + m.ret()) + (m.smtpUtf8() ? "\nsmtputf8: yes" : ""));
            for (QueueStore.QueuedRecipient r : m.recipients()) {
                System.out.println("recipient " + recipient(r)
                        + (r.notifyParam() == null ? "" : " notify=" + r.notifyParam())
                        + (r.orcpt() == null ? "" : " orcpt=" + r.orcpt()));
            }
            byte[] content = q.content(m);
            int end = headerEnd(content);
            System.out.println();
            System.out.print(new String(content, 0, end, StandardCharsets.UTF_8));
            return 0;
        }
    }

    @Command(name = "retry", description = "Try a message (or --all) again now.")
    static final class Retry extends AdminCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        static final class Which {
            @Parameters(paramLabel = "ID")
            Long id;

            @Option(names = "--all", description = "every queued message")
            boolean all;
        }

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            QueueAdmin q = admin(store, config);
            if (which.id != null && q.show(which.id).isEmpty()) {
                System.err.println("tegami: no queued message " + which.id);
                return 1;
            }
            int n = q.retry(which.all ? null : which.id);
            System.out.println(n + " recipient(s) scheduled for immediate retry");
            return 0;
        }
    }

    @Command(name = "delete", description = "Remove a message from the queue, bouncing it to the sender or silently.")
    static final class Delete extends AdminCommand {
        @Parameters(paramLabel = "ID")
        long id;

        @ArgGroup(exclusive = true, multiplicity = "1")
        How how;

        static final class How {
            @Option(names = "--bounce", description = "send the sender a failure report (DSN)")
            boolean bounce;

            @Option(names = "--silent", description = "drop it without telling anyone")
            boolean silent;
        }

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) throws Exception {
            QueueAdmin q = admin(store, config);
            if (how.bounce && config.mailAuth().sign()) {
                // the bounce comes from MAILER-DAEMON@hostname: DKIM-signed like the server's own
                var keyring = DkimCommand.keyring(store, common.dataDir());
                q = new QueueAdmin(store.queue(), store.blobs(), DnsCommand.hostname(null, config), Clock.systemUTC(),
                        keyring::sign);
            }
            if (!q.delete(id, how.bounce)) {
                System.err.println("tegami: no queued message " + id);
                return 1;
            }
            System.out.println("deleted queued message " + id + (how.bounce ? " (sender notified)" : " (silently)"));
            return 0;
        }
    }

    static String summary(QueueStore.QueuedMessage m) {
        long queued = m.recipients().stream().filter(r -> r.status() == QueueStore.Status.QUEUED).count();
        return m.id() + "\t" + Instant.ofEpochMilli(m.createdAt()) + "\t" + m.size() + " bytes\tfrom <" + m.sender() + ">\t"
                + queued + "/" + m.recipients().size() + " queued";
    }

    static String recipient(QueueStore.QueuedRecipient r) {
        StringBuilder sb = new StringBuilder("<").append(r.address()).append("> ")
                .append(r.status().name().toLowerCase(java.util.Locale.ROOT)).append(" attempts=").append(r.attempts());
        if (r.status() == QueueStore.Status.QUEUED) {
            sb.append(" next=").append(Instant.ofEpochMilli(r.nextAttempt()));
        }
        if (r.lastReply() != null) {
            sb.append(" last=\"").append(r.lastReply()).append('"');
        }
        return sb.toString();
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
