package org.tegami.cli;

import java.nio.file.Path;
import org.tegami.cryptomail.CryptoInspector;
import org.tegami.cryptomail.DecryptionKeys;
import org.tegami.cryptomail.Inspection;
import org.tegami.keys.AccountKeys;
import org.tegami.keys.CryptoKeys;
import org.tegami.keys.KeyAdmin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "crypto", description = "Mail crypto: inspect a message, gateway policies, encryption at rest.",
        subcommands = {CryptoCommand.Inspect.class, CryptoCommand.PolicyCommand.class, CryptoCommand.AtRest.class})
final class CryptoCommand {

    @Command(name = "inspect", description = "Say what a message is (S/MIME or OpenPGP, signed, encrypted), who signed it,"
            + " and whether the signature verifies against the trust anchors and keys of --data, and why not.")
    static final class Inspect extends CryptoCommandBase {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--json", description = "one JSON object: type, signed, encrypted, signature, signer, reason, details")
        boolean json;

        @Option(names = "--keys-of", paramLabel = "ADDRESS",
                description = "look inside encrypted messages with the private keys ADDRESS deposited")
        String keysOf;

        @Override
        int run(CryptoKeys keys, KeyAdmin admin) throws Exception {
            byte[] message = readFile(file);
            DecryptionKeys dk = DecryptionKeys.NONE;
            if (keysOf != null) {
                switch (new AccountKeys(keys).privateKeys(CryptoKeys.canonical(keysOf))) {
                    case AccountKeys.Unsealed.Keys k -> dk = new DecryptionKeys(k.smime(), k.pgp());
                    case AccountKeys.Unsealed.Failed f -> {
                        return KeysCommand.fail(f.reason());
                    }
                }
            }
            CryptoKeys.Snapshot s = keys.snapshot();
            Inspection i = CryptoInspector.inspect(message, s.trust(), s.keyring(), keys.clock(), dk);
            if (json) {
                System.out.println(i.toJson());
                return 0;
            }
            System.out.println("type: " + i.type());
            System.out.println("signed: " + (i.signed() ? "yes" : "no"));
            System.out.println("encrypted: " + (i.encrypted() ? "yes" : "no"));
            System.out.println("signature: " + i.signature());
            if (i.signer() != null) {
                System.out.println("signer: " + i.signer());
            }
            System.out.println("reason: " + i.reason());
            Inspection.Details d = i.details();
            if (d.format() != null) {
                System.out.println("format: " + d.format() + (d.wholeMessage() ? "" : " (only part of the message)"));
            }
            if (d.encryptionAlgorithm() != null) {
                System.out.println("encryption: " + d.encryptionAlgorithm() + (d.recipients().isEmpty() ? ""
                        : " for " + String.join(", ", d.recipients())));
            }
            if (!d.weakAlgorithms().isEmpty()) {
                System.out.println("weak: " + String.join(", ", d.weakAlgorithms()));
            }
            d.notes().forEach(n -> System.out.println("note: " + n));
            return 0;
        }
    }

    @Command(name = "policy", description = "Outbound sign/encrypt and inbound decrypt settings per domain or account.",
            subcommands = {PolicySet.class, PolicyShow.class, PolicyList.class})
    static final class PolicyCommand {}

    @Command(name = "set", description = "Set the policy of a domain or an account (account settings override the domain's;"
            + " \"inherit\" removes a setting).")
    static final class PolicySet extends CryptoCommandBase {
        @Parameters(paramLabel = "DOMAIN|ADDRESS")
        String scope;

        @Option(names = "--sign", paramLabel = "never|always|inherit", description = "sign submitted mail")
        String sign;

        @Option(names = "--encrypt", paramLabel = "never|when-possible|required|inherit",
                description = "encrypt submitted mail to its recipients' keys (required: refuse mail to recipients without)")
        String encrypt;

        @Option(names = "--decrypt", paramLabel = "on|off|inherit",
                description = "decrypt inbound mail with the deposited private keys")
        String decrypt;

        @Override
        int run(CryptoKeys keys, KeyAdmin admin) {
            if (sign == null && encrypt == null && decrypt == null) {
                throw new IllegalArgumentException("nothing to set: give --sign, --encrypt and/or --decrypt");
            }
            String s = admin.setPolicy(scope, sign, encrypt, decrypt);
            System.out.println("policy of " + s + ":");
            admin.showPolicy(s).forEach(l -> System.out.println("  " + l));
            return 0;
        }
    }

    @Command(name = "show", description = "The policy in force for an account (and where each setting comes from), or a domain's.")
    static final class PolicyShow extends CryptoCommandBase {
        @Parameters(paramLabel = "DOMAIN|ADDRESS")
        String scope;

        @Override
        int run(CryptoKeys keys, KeyAdmin admin) {
            admin.showPolicy(scope).forEach(System.out::println);
            return 0;
        }
    }

    @Command(name = "list", description = "Domains and accounts with settings of their own.")
    static final class PolicyList extends CryptoCommandBase {
        @Override
        int run(CryptoKeys keys, KeyAdmin admin) {
            admin.listPolicies().forEach(System.out::println);
            return 0;
        }
    }

    @Command(name = "at-rest", description = "Encrypt every message stored for ADDRESS to one of its own keys (--key),"
            + " or stop (--off). Messages already stored are not changed.")
    static final class AtRest extends CryptoCommandBase {
        @Parameters(paramLabel = "ADDRESS")
        String address;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        static final class Which {
            @Option(names = "--key", paramLabel = "FINGERPRINT", description = "a certificate or OpenPGP key imported for ADDRESS")
            String key;

            @Option(names = "--off", description = "store new messages as they arrive")
            boolean off;
        }

        @Override
        int run(CryptoKeys keys, KeyAdmin admin) {
            String a = admin.setAtRest(address, which.off ? null : which.key);
            System.out.println(which.off ? "encryption at rest off for " + a
                    : "new messages for " + a + " are encrypted at rest to " + CryptoKeys.fingerprint(which.key));
            return 0;
        }
    }
}
