package org.tegami.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tegami.admin.Admin;
import org.tegami.config.TegamiConfig;
import org.tegami.store.Account;
import org.tegami.store.Mailbox;
import org.tegami.store.MessageInfo;
import org.tegami.store.SystemFlags;
import org.tegami.store.sqlite.SqliteStore;

/**
 * kill -9 while IMAP clients APPEND, STORE and EXPUNGE: after restart every APPEND that got OK is
 * there (unless an acknowledged EXPUNGE removed it), every acknowledged STORE +FLAGS shows, every
 * acknowledged EXPUNGE stays done. Only a command whose reply never came may go either way.
 */
class ImapCrashTest {

    private static final Pattern SUBJECT = Pattern.compile("Subject: (icrash-\\d+-\\d+-\\d+)");
    private static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID \\d+ (\\d+)]");

    /** What the clients were told, per message subject. */
    static final class Ledger {
        final Set<String> appended = ConcurrentHashMap.newKeySet();
        final Set<String> flagged = ConcurrentHashMap.newKeySet();
        final Set<String> expunged = ConcurrentHashMap.newKeySet();
        /** A command about this message was sent and its reply never came: either outcome is fine. */
        final Set<String> uncertain = ConcurrentHashMap.newKeySet();
    }

    @Test
    void acknowledgedImapChangesSurviveSigkill() throws Exception {
        Path dir = Files.createTempDirectory("tegami-imap-crash");
        try (SqliteStore store = new SqliteStore(dir)) {
            Admin admin = new Admin(store, TegamiConfig.defaults());
            admin.addDomain("example.test");
            admin.addUser("alice@example.test", null, "alice-password", false);
        }
        Ledger ledger = new Ledger();
        for (int round = 0; round < 3; round++) {
            int offset = 30000 + ThreadLocalRandom.current().nextInt(25000);
            Process server = CrashDurabilityTest.startServer(dir, offset, "[auth]\nallow_plaintext = true\n");
            try {
                int port = 143 + offset;
                CrashDurabilityTest.awaitPort(port, server);
                List<Thread> clients = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    String mailbox = "r" + round + "c" + t;
                    String prefix = "icrash-" + round + "-" + t + "-";
                    clients.add(Thread.ofVirtual().start(() -> workUntilFailure(port, mailbox, prefix, ledger)));
                }
                Thread.sleep(1500 + ThreadLocalRandom.current().nextInt(1000));
                server.destroyForcibly(); // SIGKILL
                server.waitFor();
                for (Thread c : clients) {
                    c.join(30_000);
                }
            } finally {
                server.destroyForcibly();
            }
        }
        assertThat(ledger.appended).as("the load really ran").hasSizeGreaterThan(30);
        assertThat(ledger.flagged).as("STOREs ran").isNotEmpty();
        assertThat(ledger.expunged).as("EXPUNGEs ran").isNotEmpty();

        Map<String, Integer> present = new HashMap<>();
        try (SqliteStore store = new SqliteStore(dir)) {
            Account a = store.directory().account("alice@example.test").orElseThrow();
            for (Mailbox mb : store.mail().mailboxes(a.id())) {
                for (MessageInfo m : store.mail().messages(mb.id())) {
                    Matcher x = SUBJECT.matcher(new String(store.blobs().read(m.blob()), StandardCharsets.US_ASCII));
                    if (x.find()) {
                        present.put(x.group(1), m.flags());
                    }
                }
            }
            assertThat(CrashDurabilityTest.integrity(store)).as("the store opens without repair").isEqualTo("ok");
        }
        List<String> problems = new ArrayList<>();
        for (String s : ledger.appended) {
            if (ledger.uncertain.contains(s)) {
                continue;
            }
            Integer flags = present.get(s);
            if (ledger.expunged.contains(s)) {
                if (flags != null) {
                    problems.add(s + ": EXPUNGE acknowledged but the message is back");
                }
            } else if (flags == null) {
                problems.add(s + ": APPEND acknowledged but the message is missing");
            } else if (ledger.flagged.contains(s) && (flags & SystemFlags.FLAGGED) == 0) {
                problems.add(s + ": STORE +FLAGS (\\Flagged) acknowledged but the flag is missing");
            }
        }
        assertThat(problems).as("acknowledged IMAP changes lost by kill -9").isEmpty();
    }

    private static void workUntilFailure(int port, String mailbox, String prefix, Ledger ledger) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = s.getOutputStream();
            in.readLine();
            expectOk(cmd(in, out, "a LOGIN alice@example.test alice-password"));
            expectOk(cmd(in, out, "b CREATE " + mailbox));
            expectOk(cmd(in, out, "c SELECT " + mailbox));
            for (int n = 0; ; n++) {
                String subject = prefix + n;
                byte[] msg = ("From: load@remote.test\r\nSubject: " + subject + "\r\n\r\n" + "y".repeat(200) + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                ledger.uncertain.add(subject);
                out.write(("d APPEND " + mailbox + " {" + msg.length + "+}\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(msg);
                String reply = cmd(in, out, "");
                Matcher uid = APPENDUID.matcher(reply);
                if (!reply.startsWith("d OK") || !uid.find()) {
                    throw new IOException(reply);
                }
                ledger.appended.add(subject);
                ledger.uncertain.remove(subject);
                if (n % 3 == 0) {
                    ledger.uncertain.add(subject);
                    expectOk(cmd(in, out, "e UID STORE " + uid.group(1) + " +FLAGS.SILENT (\\Flagged)"));
                    ledger.flagged.add(subject);
                    ledger.uncertain.remove(subject);
                }
                if (n % 5 == 1) {
                    ledger.uncertain.add(subject);
                    expectOk(cmd(in, out, "f UID STORE " + uid.group(1) + " +FLAGS.SILENT (\\Deleted)"));
                    expectOk(cmd(in, out, "g UID EXPUNGE " + uid.group(1)));
                    ledger.expunged.add(subject);
                    ledger.uncertain.remove(subject);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the server was killed
        }
    }

    /** Sends a command (if any) and returns its tagged reply. */
    private static String cmd(BufferedReader in, OutputStream out, String line) throws IOException {
        if (!line.isEmpty()) {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        } else {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
        for (String l; (l = in.readLine()) != null;) {
            if (!l.startsWith("*") && !l.startsWith("+")) {
                return l;
            }
        }
        throw new IOException("closed");
    }

    private static void expectOk(String tagged) throws IOException {
        if (!tagged.contains(" OK")) {
            throw new IOException(tagged);
        }
    }
}
