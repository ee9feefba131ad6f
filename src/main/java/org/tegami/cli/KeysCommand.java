package org.tegami.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tegami.keys.CryptoKeys;
import org.tegami.keys.KeyAdmin;
import org.tegami.keys.KeyImport;
import org.tegami.store.KeyStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "keys", description = "S/MIME certificates and OpenPGP keys per address (private keys are stored sealed).",
        subcommands = {KeysCommand.Import.class, KeysCommand.ListKeys.class, KeysCommand.Export.class, KeysCommand.Remove.class})
final class KeysCommand {

    @Command(name = "import", description = "Import a PEM certificate (chain), PEM key + certificate, PKCS #12 file, or"
            + " ASCII-armoured OpenPGP public or secret key for ADDRESS. A passphrase, when needed, is read from standard input.")
    static final class Import extends CryptoCommandBase {
        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        @Parameters(index = "1", paramLabel = "FILE")
        Path file;

        @Override
        int run(CryptoKeys keys, KeyAdmin admin) throws Exception {
            byte[] data = readFile(file);
            KeyImport.Result r = admin.importKey(address, data, null);
            char[] pass = null;
            if (r instanceof KeyImport.Result.NeedsPassphrase) {
                pass = passphraseFromStdin();
                r = admin.importKey(address, data, pass);
            }
            if (pass != null) {
                Arrays.fill(pass, '\0');
            }
            return switch (r) {
                case KeyImport.Result.Imported i -> {
                    for (KeyStore.StoredKey k : i.keys()) {
                        System.out.println("imported " + k.kind().name().toLowerCase(Locale.ROOT) + " " + k.fingerprint() + " for "
                                + k.address() + (k.hasPrivate() ? " (with private key)" : ""));
                    }
                    i.notes().forEach(n -> System.out.println("  " + n));
                    yield 0;
                }
                case KeyImport.Result.NeedsPassphrase n -> fail(n.what() + " needs a passphrase on standard input");
                case KeyImport.Result.WrongPassphrase w -> fail("wrong passphrase for the " + w.what());
                case KeyImport.Result.Refused f -> fail(f.reason());
            };
        }
    }

    @Command(name = "list", description = "Keys of ADDRESS (or all): kind, fingerprint, trust, validity, chain or certifications.")
    static final class ListKeys extends CryptoCommandBase {
        @Parameters(paramLabel = "ADDRESS", arity = "0..1")
        String address;

        @Override
        int run(CryptoKeys keys, KeyAdmin admin) {
            List<String> lines = admin.list(address);
            lines.forEach(System.out::println);
            if (lines.isEmpty()) {
                System.out.println(address == null ? "no keys" : "no keys for " + CryptoKeys.canonical(address));
            }
            return 0;
        }
    }

    @Command(name = "export", description = "Print the certificates/public keys of ADDRESS (PEM, armoured OpenPGP);"
            + " with --private the deposited private keys, unprotected.")
    static final class Export extends CryptoCommandBase {
        @Parameters(paramLabel = "ADDRESS")
        String address;

        @Option(names = "--fingerprint", paramLabel = "FPR", description = "only this key")
        String fingerprint;

        @Option(names = "--private", description = "the private keys (unprotected: keep the output safe)")
        boolean withPrivate;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE (mode 0600 for --private)")
        Path output;

        @Override
        int run(CryptoKeys keys, KeyAdmin admin) throws Exception {
            byte[] out = admin.export(address, fingerprint, withPrivate);
            try {
                if (output != null) {
                    Files.deleteIfExists(output);
                    if (withPrivate) {
                        Files.createFile(output, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    }
                    Files.write(output, out);
                } else {
                    System.out.write(out);
                    System.out.flush();
                }
            } finally {
                Arrays.fill(out, (byte) 0);
            }
            if (withPrivate) {
                System.err.println("tegami: warning: the private key(s) are not protected by a passphrase");
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove one key of ADDRESS.")
    static final class Remove extends CryptoCommandBase {
        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        @Parameters(index = "1", paramLabel = "FINGERPRINT")
        String fingerprint;

        @Override
        int run(CryptoKeys keys, KeyAdmin admin) {
            if (!admin.remove(address, fingerprint)) {
                return fail("no key " + CryptoKeys.fingerprint(fingerprint) + " for " + CryptoKeys.canonical(address));
            }
            System.out.println("removed " + CryptoKeys.fingerprint(fingerprint) + " of " + CryptoKeys.canonical(address));
            return 0;
        }
    }

    static int fail(String message) {
        System.err.println("tegami: " + message);
        return 1;
    }
}
