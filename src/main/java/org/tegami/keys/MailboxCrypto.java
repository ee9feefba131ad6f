package org.tegami.keys;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.cryptomail.CryptoGateway;
import org.tegami.cryptomail.CryptoGateway.Outcome;
import org.tegami.cryptomail.CryptoInspector;
import org.tegami.cryptomail.DecryptionKeys;
import org.tegami.cryptomail.Inspection;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.pgp.PgpStructure;
import org.tegami.smime.SmimeStructure;

/**
 * What is stored for one account, by its opt-ins (issue 7): inbound mail encrypted to keys the
 * account deposited is decrypted (keeping the encrypted original too when [crypto] keep_original
 * is set), then, with encryption at rest on, every copy is encrypted to the account's own
 * certificate or key before it reaches the store.
 *
 * <p>{@link #forDelivery} is called by local delivery (SMTP and the queue's local reports);
 * {@link #forAppend} is for every other way a message enters an account's mailboxes — the IMAP
 * server's APPEND (RFC 9051 §6.3.12) must call it before storing, so that at rest means at rest.
 */
public final class MailboxCrypto {

    private static final Logger LOG = LoggerFactory.getLogger("tegami.crypto");

    /** The outcome for one account. */
    public sealed interface Result {
        /**
         * Store these copies (one, or the original and the decrypted copy). A copy that was not
         * changed is the same array that was given, so callers can share its blob.
         */
        record Store(List<byte[]> copies, List<String> notes) implements Result {
            public Store {
                copies = List.copyOf(copies);
                notes = List.copyOf(notes);
            }
        }

        /**
         * Encryption at rest is on but cannot be done now (the key became unusable): storing the
         * plaintext would break the promise, so the caller defers (SMTP 451, IMAP NO).
         */
        record Defer(String reason) implements Result {}
    }

    private final CryptoKeys keys;
    private final AccountKeys accountKeys;

    public MailboxCrypto(CryptoKeys keys) {
        this.keys = keys;
        this.accountKeys = new AccountKeys(keys);
    }

    /** Local delivery to an account (canonical address): decryption (opt-in), then at-rest encryption. */
    public Result forDelivery(String account, byte[] message) {
        Policy p = keys.policy(account);
        if (!p.decrypt() && p.atRestKey() == null) {
            return new Result.Store(List.of(message), List.of());
        }
        List<String> notes = new ArrayList<>();
        List<byte[]> copies = List.of(message);
        if (p.decrypt() && looksEncrypted(message)) {
            copies = decrypt(account, message, notes);
        }
        return p.atRestKey() == null ? new Result.Store(copies, notes) : atRest(account, p.atRestKey(), copies, notes);
    }

    /**
     * A message about to be stored in one of the account's mailboxes by any other path than
     * local delivery (IMAP APPEND): encrypted at rest when the account opted in; else unchanged.
     */
    public Result forAppend(String account, byte[] message) {
        String a = CryptoKeys.canonical(account);
        Policy p = keys.policy(a);
        if (p.atRestKey() == null) {
            return new Result.Store(List.of(message), List.of());
        }
        return atRest(a, p.atRestKey(), List.of(message), new ArrayList<>());
    }

    private List<byte[]> decrypt(String account, byte[] message, List<String> notes) {
        DecryptionKeys dk;
        switch (accountKeys.privateKeys(account)) {
            case AccountKeys.Unsealed.Failed f -> {
                LOG.warn("decryption for {} skipped: {}", account, f.reason());
                notes.add("decrypt-failed");
                return List.of(message);
            }
            case AccountKeys.Unsealed.Keys k -> {
                if (k.isEmpty()) {
                    notes.add("decrypt-no-keys");
                    return List.of(message);
                }
                dk = new DecryptionKeys(k.smime(), k.pgp());
            }
        }
        CryptoGateway g = keys.gateway();
        Outcome o = g.decryptInbound(message, dk);
        if (!(o instanceof Outcome.Changed c)) {
            String why = o instanceof Outcome.Refused r ? r.reason() : o instanceof Outcome.Unchanged u ? u.reason() : o.toString();
            notes.add("not-decrypted");
            LOG.info("message for {} not decrypted: {}", account, why);
            return List.of(message);
        }
        // The signature inside the encryption can be checked now (RFC 8551 §3.7, RFC 3156 §6): the
        // inspector looks inside with the same keys, including OpenPGP's combined sign+encrypt (§6.2).
        CryptoKeys.Snapshot snap = keys.snapshot();
        Inspection i = CryptoInspector.inspect(message, snap.trust(), snap.keyring(), keys.clock(), dk);
        String format = c.format().name().toLowerCase(java.util.Locale.ROOT);
        String value = format + "; " + (i.signed() ? i.signature() : "none")
                + (i.signed() && i.signer() != null ? "; signer=" + quoted(i.signer()) : "") + "; decrypted";
        byte[] decrypted = withSignatureHeader(c.message(), value);
        notes.add("decrypted=" + c.format().name().toLowerCase(java.util.Locale.ROOT));
        return keys.config().keepOriginal() ? List.of(message, decrypted) : List.of(decrypted);
    }

    private Result atRest(String account, String fingerprint, List<byte[]> copies, List<String> notes) {
        CryptoGateway.AtRestKey key = accountKeys.atRestKey(account, fingerprint);
        if (key == null) {
            return new Result.Defer("the at-rest key " + fingerprint + " of " + account + " is missing");
        }
        CryptoGateway g = keys.gateway();
        List<byte[]> out = new ArrayList<>();
        for (byte[] copy : copies) {
            switch (g.encryptAtRest(copy, key)) {
                case Outcome.Changed c -> out.add(c.message());
                case Outcome.Unchanged u -> out.add(copy); // already encrypted: stored as it came
                case Outcome.Refused r -> {
                    return new Result.Defer("encryption at rest for " + account + " failed: " + r.reason());
                }
                case Outcome.MissingKeys m -> {
                    return new Result.Defer("encryption at rest for " + account + " failed: " + m.reason());
                }
            }
        }
        notes.add("at-rest");
        return new Result.Store(out, notes);
    }

    /** A token as is, else an RFC 5322 §3.2.4 quoted-string (as CryptoGateway writes signer names). */
    static String quoted(String s) {
        String clean = s.replaceAll("[\\r\\n\\x00-\\x1f]", " ");
        if (clean.matches("[A-Za-z0-9.@_+\\-]+")) {
            return clean;
        }
        return "\"" + clean.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** True if the message as a whole is S/MIME enveloped or OpenPGP encrypted (cheap: structure only). */
    static boolean looksEncrypted(byte[] message) {
        ParsedMessage parsed = MimeParser.parse(message);
        SmimeStructure s = SmimeStructure.find(parsed, message);
        PgpStructure p = PgpStructure.find(parsed, message);
        return s != null && s.topLevel() && s.encrypted() || p != null && p.topLevel() && p.encrypted();
    }

    /**
     * Replaces the X-Tegami-Signature field, keeping Return-Path first (RFC 5321 §4.4: the
     * delivery agent puts Return-Path at the top).
     */
    static byte[] withSignatureHeader(byte[] message, String value) {
        byte[] stripped = CryptoGateway.stripSignatureHeader(message);
        byte[] field = (CryptoGateway.SIGNATURE_HEADER + ": " + value.replaceAll("[\\r\\n]", " ") + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        int at = 0;
        if (startsWithIgnoreCase(stripped, "Return-Path:")) {
            while (at < stripped.length && stripped[at] != '\n') {
                at++;
            }
            at = Math.min(at + 1, stripped.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(stripped.length + field.length);
        out.write(stripped, 0, at);
        out.writeBytes(field);
        out.write(stripped, at, stripped.length - at);
        return out.toByteArray();
    }

    private static boolean startsWithIgnoreCase(byte[] b, String s) {
        if (b.length < s.length()) {
            return false;
        }
        return new String(b, 0, s.length(), StandardCharsets.ISO_8859_1).equalsIgnoreCase(s);
    }
}
