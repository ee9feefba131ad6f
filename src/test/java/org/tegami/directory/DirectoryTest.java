package org.tegami.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tegami.admin.Admin;
import org.tegami.config.AuthConfig;
import org.tegami.config.TegamiConfig;
import org.tegami.sasl.SaslBackend;
import org.tegami.smtp.MailAddress;
import org.tegami.store.Account;
import org.tegami.store.sqlite.SqliteStore;

class DirectoryTest {

    private Path dir;
    private SqliteStore store;
    private Admin admin;
    private Directory directory;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("tegami-dir");
        store = new SqliteStore(dir);
        admin = new Admin(store, TegamiConfig.defaults());
        directory = new Directory(store.directory(), new PasswordHasher(new SecureRandom()),
                new AuthThrottle(new AuthConfig(false, false, 5, Duration.ofMinutes(10), Duration.ofMinutes(15)),
                        Clock.systemUTC()), "+", Clock.systemUTC(), new byte[32]);
        admin.addDomain("example.test");
        admin.addDomain("other.test");
        admin.addUser("alice@example.test", "Alice", "alice-password", false);
        admin.addUser("bob@example.test", null, "bob-password1", false);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private List<String> local(String address) throws Exception {
        Resolution r = directory.resolve(MailAddress.parse(address));
        assertThat(r).isInstanceOf(Resolution.Local.class);
        return ((Resolution.Local) r).accounts().stream().map(Account::address).toList();
    }

    @Test
    void accountsAliasesSubaddressesAndCase() throws Exception {
        assertThat(local("Alice@Example.TEST")).containsExactly("alice@example.test");
        assertThat(local("alice+lists@example.test")).containsExactly("alice@example.test");
        admin.addAlias("sales@example.test", "alice@example.test");
        admin.addAlias("sales@example.test", "bob@example.test");
        assertThat(local("sales@example.test")).containsExactly("alice@example.test", "bob@example.test");
        assertThat(directory.resolve(MailAddress.parse("nobody@example.test"))).isInstanceOf(Resolution.UnknownUser.class);
        assertThat(directory.resolve(MailAddress.parse("x@remote.test"))).isInstanceOf(Resolution.Remote.class);
        assertThat(directory.resolve(MailAddress.parse("x@[127.0.0.1]"))).isInstanceOf(Resolution.Remote.class);
    }

    @Test
    void catchAllOnlyWhenNothingMatches() throws Exception {
        admin.addAlias("@example.test", "bob@example.test");
        assertThat(local("anything@example.test")).containsExactly("bob@example.test");
        assertThat(local("alice@example.test")).containsExactly("alice@example.test");
    }

    @Test
    void aliasLoopsTerminateAndKeepCopies() throws Exception {
        admin.addAlias("a@example.test", "b@example.test");
        admin.addAlias("b@example.test", "a@example.test");
        assertThat(directory.resolve(MailAddress.parse("a@example.test"))).isInstanceOf(Resolution.UnknownUser.class);
        // "keep a copy and forward": alias to itself plus another target
        admin.addAlias("alice@example.test", "alice@example.test");
        admin.addAlias("alice@example.test", "carol@remote.test");
        Resolution.Local l = (Resolution.Local) directory.resolve(MailAddress.parse("alice@example.test"));
        assertThat(l.accounts()).extracting(Account::address).containsExactly("alice@example.test");
        assertThat(l.forwards()).containsExactly(new MailAddress("carol", "remote.test"));
    }

    @Test
    void postmasterReachesSomebody() throws Exception {
        assertThat(local("postmaster@example.test")).containsExactly("alice@example.test");
        assertThat(directory.resolve(MailAddress.parse("postmaster@other.test"))).isInstanceOf(Resolution.UnknownUser.class);
    }

    @Test
    void passwordsAndCachedVerification() throws Exception {
        InetAddress ip = InetAddress.getByName("192.0.2.1");
        assertThat(directory.checkPassword(ip, "alice@example.test", "alice-password")).isEqualTo(SaslBackend.Verdict.OK);
        assertThat(directory.checkPassword(ip, "ALICE@example.test", "alice-password")).isEqualTo(SaslBackend.Verdict.OK);
        assertThat(directory.checkPassword(ip, "alice@example.test", "wrong")).isEqualTo(SaslBackend.Verdict.BAD);
        assertThat(directory.checkPassword(ip, "nobody@example.test", "x")).isEqualTo(SaslBackend.Verdict.BAD);
        admin.setPassword("alice@example.test", "a-new-password");
        assertThat(directory.checkPassword(ip, "alice@example.test", "alice-password"))
                .as("a password change invalidates the cached verification").isEqualTo(SaslBackend.Verdict.BAD);
        assertThat(directory.checkPassword(ip, "alice@example.test", "a-new-password")).isEqualTo(SaslBackend.Verdict.OK);
    }

    @Test
    void storedCredentialsNeverContainThePassword() throws Exception {
        String db = Files.readString(dir.resolve("tegami.db"), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(db).doesNotContain("alice-password");
        Account a = store.directory().account("alice@example.test").orElseThrow();
        assertThat(a.credentials().passwordHash()).startsWith("$argon2id$");
        assertThat(a.credentials().scramSha256()).startsWith("SCRAM-SHA-256$4096:");
        assertThat(a.credentials().cramMd5()).isNull();
    }
}
