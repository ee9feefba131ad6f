package org.tegami.cli;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.tegami.admin.Admin;
import org.tegami.config.TegamiConfig;
import org.tegami.dkim.DkimAlgorithm;
import org.tegami.dkim.DkimKeys;
import org.tegami.mailauth.DkimKeyring;
import org.tegami.mailauth.DnsRecords;
import org.tegami.store.DkimKeyStore;
import org.tegami.store.sqlite.SqliteDkimKeyStore;
import org.tegami.store.sqlite.SqliteStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "dkim", description = "DKIM signing keys of our domains (works while the server runs).",
        subcommands = {DkimCommand.Keygen.class, DkimCommand.ListKeys.class, DkimCommand.Activate.class,
                DkimCommand.Remove.class})
final class DkimCommand {

    static DkimKeyring keyring(SqliteStore store, java.nio.file.Path dataDir) throws java.io.IOException {
        return DkimKeyring.open(new SqliteDkimKeyStore(store.database()), dataDir, Clock.systemUTC());
    }

    @Command(name = "keygen", description = {"Make a signing key and print the DNS record to publish.",
        "Without --algorithm: an RSA-2048 and an Ed25519 key (selectors YYYYMMr and YYYYMMe).",
        "The new key signs at once and retires the previous one of its algorithm (which stays published",
        "until 'dkim remove'); with --standby it waits for 'dkim activate'."})
    static final class Keygen extends AdminCommand {
        @Parameters(paramLabel = "DOMAIN")
        String domain;

        @Option(names = "--selector", paramLabel = "S", description = "selector (needs --algorithm)")
        String selector;

        @Option(names = "--algorithm", paramLabel = "rsa|ed25519", description = "rsa (RSA-2048, rsa-sha256) or ed25519")
        String algorithm;

        @Option(names = "--standby", description = "publish first, sign only after 'tegami dkim activate' (rotation)")
        boolean standby;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) throws Exception {
            String d = Admin.canonicalDomain(domain);
            List<DkimKeyring.Generated> made = keyring(store, common.dataDir()).generate(d, selector, algorithm(algorithm), standby);
            for (DkimKeyring.Generated g : made) {
                System.err.println("generated " + g.algorithm().tag() + " key " + g.selector() + " for " + d + " ("
                        + g.state().keyword() + "); publish:");
                System.out.println(DkimKeys.zoneFileLine(g.selector(), d, g.publicTxt(), DnsRecords.TTL));
            }
            if (!admin.domains().contains(d)) {
                System.err.println("note: " + d + " is not a local domain yet (tegami domain add " + d + ")");
            }
            return 0;
        }

        static DkimAlgorithm algorithm(String a) {
            if (a == null) {
                return null;
            }
            return switch (a.toLowerCase(Locale.ROOT)) {
                case "rsa", "rsa-sha256" -> DkimAlgorithm.RSA_SHA256;
                case "ed25519", "ed25519-sha256" -> DkimAlgorithm.ED25519_SHA256;
                default -> throw new IllegalArgumentException("--algorithm must be rsa or ed25519, not " + a);
            };
        }
    }

    @Command(name = "list", description = "One line per key: domain, selector, algorithm, state, dates.")
    static final class ListKeys extends AdminCommand {
        @Parameters(paramLabel = "DOMAIN", arity = "0..1")
        String domain;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            List<DkimKeyStore.Key> keys = new SqliteDkimKeyStore(store.database())
                    .keys(domain == null ? null : Admin.canonicalDomain(domain));
            for (DkimKeyStore.Key k : keys) {
                System.out.println(line(k));
            }
            System.out.println(keys.size() + " key(s)");
            return 0;
        }

        static String line(DkimKeyStore.Key k) {
            return k.domain() + "\t" + k.selector() + "\t" + k.algorithm() + "\t" + k.state().keyword() + "\tcreated "
                    + Instant.ofEpochMilli(k.createdAt()) + (k.retiredAt() > 0 ? "\tretired " + Instant.ofEpochMilli(k.retiredAt()) : "");
        }
    }

    @Command(name = "activate", description = "Sign with this key from now on (the current key of its algorithm is retired).")
    static final class Activate extends AdminCommand {
        @Parameters(index = "0", paramLabel = "DOMAIN")
        String domain;

        @Parameters(index = "1", paramLabel = "SELECTOR")
        String selector;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) throws Exception {
            String d = Admin.canonicalDomain(domain);
            if (!keyring(store, common.dataDir()).activate(d, selector)) {
                System.err.println("tegami: no DKIM key " + selector + " for " + d);
                return 1;
            }
            System.out.println("activated DKIM key " + selector + " for " + d);
            return 0;
        }
    }

    @Command(name = "remove", description = "Delete a key: it no longer signs and is no longer listed by 'dns records'.")
    static final class Remove extends AdminCommand {
        @Parameters(index = "0", paramLabel = "DOMAIN")
        String domain;

        @Parameters(index = "1", paramLabel = "SELECTOR")
        String selector;

        @Override
        int run(Admin admin, SqliteStore store, TegamiConfig config) {
            String d = Admin.canonicalDomain(domain);
            SqliteDkimKeyStore keys = new SqliteDkimKeyStore(store.database());
            var key = keys.key(d, selector.toLowerCase(Locale.ROOT));
            if (key.isEmpty() || !keys.remove(d, key.get().selector())) {
                System.err.println("tegami: no DKIM key " + selector + " for " + d);
                return 1;
            }
            System.out.println("removed DKIM key " + key.get().selector() + " (" + key.get().algorithm() + ") of " + d);
            boolean signing = keys.keys(d).stream().anyMatch(k -> k.state() == DkimKeyStore.State.ACTIVE
                    && k.algorithm().equals(key.get().algorithm()));
            if (key.get().state() == DkimKeyStore.State.ACTIVE && !signing) {
                System.err.println("note: " + d + " has no active " + key.get().algorithm() + " key now");
            }
            return 0;
        }
    }
}
