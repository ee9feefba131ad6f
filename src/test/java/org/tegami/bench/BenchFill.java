package org.tegami.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.tegami.admin.Admin;
import org.tegami.config.TegamiConfig;
import org.tegami.store.Account;
import org.tegami.store.sqlite.SqliteStore;
import org.tegami.testing.MailboxFiller;

/**
 * Generates the benchmark mailbox (bench/imap.sh, not a test): the same messages for both servers,
 * written directly — into a Tegami data directory through the store API (as delivery writes
 * them), and as Maildir files for Dovecot (which indexes them on first SELECT).
 *
 * <pre>
 * BenchFill tegami DATA_DIR USER PASSWORD COUNT SIZE
 * BenchFill maildir MAILDIR COUNT SIZE
 * </pre>
 */
public final class BenchFill {

    private BenchFill() {}

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "tegami" -> tegami(Path.of(args[1]), args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "maildir" -> maildir(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("tegami|maildir");
        }
    }

    static void tegami(Path dir, String user, String password, int count, int size) {
        try (SqliteStore store = new SqliteStore(dir)) {
            Admin admin = new Admin(store, TegamiConfig.defaults());
            String domain = user.substring(user.indexOf('@') + 1);
            if (!admin.domains().contains(domain)) {
                admin.addDomain(domain);
            }
            Account a = store.directory().account(user).orElseGet(() -> admin.addUser(user, null, password, false));
            long inbox = store.mail().mailbox(a.id(), "INBOX").orElseThrow().id();
            long t0 = System.nanoTime();
            MailboxFiller.fill(store, inbox, 0, count, size, 1000);
            System.out.printf("tegami: %d messages in %d ms%n", count, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** Maildir (cur/ with flags and sizes in the names, mtime = internal date), as Dovecot reads it. */
    static void maildir(Path dir, int count, int size) throws IOException {
        Files.createDirectories(dir.resolve("cur"));
        Files.createDirectories(dir.resolve("new"));
        Files.createDirectories(dir.resolve("tmp"));
        for (int n = 0; n < count; n++) {
            byte[] bytes = MailboxFiller.message(n, size);
            long date = MailboxFiller.date(n);
            String name = (date / 1000) + ".M" + n + "P1.bench,S=" + bytes.length + ":2," + (MailboxFiller.seen(n) ? "S" : "");
            Path f = dir.resolve("cur").resolve(name);
            Files.write(f, bytes);
            Files.setLastModifiedTime(f, FileTime.fromMillis(date));
        }
        System.out.printf("maildir: %d messages%n", count);
    }
}
