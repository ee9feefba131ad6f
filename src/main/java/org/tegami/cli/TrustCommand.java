package org.tegami.cli;

import java.nio.file.Path;
import java.util.List;
import org.tegami.keys.CryptoKeys;
import org.tegami.keys.KeyAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "trust", description = "S/MIME trust anchors: the CA certificates signatures must chain to.",
        subcommands = {TrustCommand.Add.class, TrustCommand.ListAnchors.class, TrustCommand.Remove.class})
final class TrustCommand {

    @Command(name = "add", description = "Trust the CA certificate(s) in a PEM or DER file.")
    static final class Add extends CryptoCommandBase {
        @Parameters(paramLabel = "CA_FILE")
        Path file;

        @Override
        int run(CryptoKeys keys, KeyAdmin admin) throws Exception {
            admin.trustAdd(readFile(file)).forEach(System.out::println);
            return 0;
        }
    }

    @Command(name = "list", description = "The trust anchors: fingerprint, subject, end of validity.")
    static final class ListAnchors extends CryptoCommandBase {
        @Override
        int run(CryptoKeys keys, KeyAdmin admin) {
            List<String> lines = admin.trustList();
            lines.forEach(System.out::println);
            if (lines.isEmpty()) {
                System.out.println("no trust anchors (add one with: tegami trust add CA.pem)");
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Stop trusting the CA certificate with this SHA-256 fingerprint.")
    static final class Remove extends CryptoCommandBase {
        @Parameters(paramLabel = "FINGERPRINT")
        String fingerprint;

        @Override
        int run(CryptoKeys keys, KeyAdmin admin) {
            if (!admin.trustRemove(fingerprint)) {
                return KeysCommand.fail("no trust anchor " + CryptoKeys.fingerprint(fingerprint));
            }
            System.out.println("removed trust anchor " + CryptoKeys.fingerprint(fingerprint));
            return 0;
        }
    }
}
