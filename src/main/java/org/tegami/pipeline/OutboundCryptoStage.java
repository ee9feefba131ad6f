package org.tegami.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.cryptomail.CryptoGateway;
import org.tegami.cryptomail.CryptoGateway.EncryptPolicy;
import org.tegami.cryptomail.CryptoGateway.SignPolicy;
import org.tegami.keys.AccountKeys;
import org.tegami.keys.CryptoKeys;
import org.tegami.keys.Policy;
import org.tegami.mime.Address;
import org.tegami.mime.AddressParser;

/**
 * The encryption gateway for submitted mail (issue 7): with the policy of the authenticated
 * account (account, else domain, else [crypto]), signs with the sender's deposited key (RFC 8551
 * §3.5 multipart/signed, RFC 3156 §5) and encrypts to every envelope recipient's certificate or
 * OpenPGP key from the key store (RFC 8551 §3.3, RFC 3156 §4), signed and encrypted in one step
 * when the formats allow (RFC 8551 §3.7, RFC 3156 §6.2). Only the body entity changes; the header
 * fields other stages added stay outside.
 *
 * <p>{@code encrypt = required} with recipients that have no usable key refuses the whole
 * message at the end of DATA with 554 5.7.5 naming them (docs/adr/0006-mail-crypto.md): the
 * client still holds the message and shows the reason at once; nothing was sent to anyone.
 *
 * <p>Must run before DKIM signing: DKIM signs the bytes that leave, so it comes last.
 */
public final class OutboundCryptoStage implements Stage {

    private static final Logger LOG = LoggerFactory.getLogger("tegami.crypto");
    /** Addresses named in one reply before "and N more" (RFC 5321 §4.5.3.1.5: 512-octet reply lines). */
    private static final int NAMED = 5;

    private final CryptoKeys keys;
    private final AccountKeys accountKeys;

    public OutboundCryptoStage(CryptoKeys keys) {
        this.keys = keys;
        this.accountKeys = new AccountKeys(keys);
    }

    @Override
    public String name() {
        return "outbound-crypto";
    }

    @Override
    public Outcome apply(InboundMessage m) {
        SessionInfo s = m.session();
        if (s.role() != Role.SUBMISSION || s.authUser() == null) {
            return null;
        }
        String account = CryptoKeys.canonical(s.authUser());
        Policy p = keys.policy(account);
        if (p.outboundOff()) {
            return null;
        }
        CryptoGateway.SignerKeys signer = null;
        if (p.sign() == SignPolicy.ALWAYS) {
            signer = signerKeys(account, fromAddress(m));
            if (signer == null) {
                return Outcome.rejected(451, "4.3.0", "Signing is temporarily unavailable, try again later");
            }
        }
        CryptoGateway g = keys.gateway();
        byte[] content = m.content();
        CryptoGateway.Outcome o = p.encrypt() == EncryptPolicy.NEVER ? g.signOutbound(content, p.sign(), signer)
                : encrypt(g, content, p, signer, account, m);
        switch (o) {
            case CryptoGateway.Outcome.Changed c -> {
                m.replaceContent(c.message());
                m.note("crypto=" + c.description());
                return null;
            }
            case CryptoGateway.Outcome.Unchanged u -> {
                m.note("crypto=unchanged (" + u.reason() + ")");
                return null;
            }
            case CryptoGateway.Outcome.MissingKeys k -> {
                m.note("crypto=missing-keys");
                return Outcome.rejected(554, "5.7.5", "Message not sent: encryption is required but there is no usable"
                        + " certificate or OpenPGP key for " + named(k.recipients()));
            }
            case CryptoGateway.Outcome.Refused r -> {
                m.note("crypto=refused");
                return Outcome.rejected(554, "5.7.5", "Message not sent: " + r.reason());
            }
        }
    }

    /**
     * Encrypts to all recipients (and the sender when it has a key, so bounces stay readable),
     * signing in the same step when the signer has a key of the format used, else signing first
     * and encrypting the signed message (RFC 3156 §6.1, RFC 8551 §3.7).
     */
    private CryptoGateway.Outcome encrypt(CryptoGateway g, byte[] content, Policy p, CryptoGateway.SignerKeys signer,
            String account, InboundMessage m) {
        Set<String> addresses = new LinkedHashSet<>();
        for (Recipient r : m.recipients()) {
            addresses.add(r.address().key());
        }
        List<CryptoGateway.RecipientKeys> rcpts = new ArrayList<>();
        for (String a : addresses) {
            rcpts.add(accountKeys.recipient(a));
        }
        CryptoGateway.RecipientKeys self = accountKeys.recipient(account);
        boolean withSelf = !addresses.contains(account) && (!self.certificates().isEmpty() || !self.pgpKeys().isEmpty());
        List<CryptoGateway.RecipientKeys> all = new ArrayList<>(rcpts);
        if (withSelf) {
            all.add(self);
        }
        List<CryptoGateway.RecipientKeys> used = all;
        CryptoGateway.Outcome o = g.encryptOutbound(content, p.encrypt(), used, signer, null);
        if (withSelf && (o instanceof CryptoGateway.Outcome.MissingKeys || o instanceof CryptoGateway.Outcome.Unchanged)) {
            used = rcpts; // the sender's own key is optional
            o = g.encryptOutbound(content, p.encrypt(), used, signer, null);
        }
        if (signer != null && o instanceof CryptoGateway.Outcome.Changed c && !signerHas(signer, c.format())) {
            // The recipients' keys are of the other format than the signing key: sign, then encrypt that.
            CryptoGateway.Outcome signed = g.signOutbound(content, SignPolicy.ALWAYS, signer);
            if (!(signed instanceof CryptoGateway.Outcome.Changed sc)) {
                return signed;
            }
            o = g.encryptOutbound(sc.message(), p.encrypt(), used, null, c.format());
        }
        if (signer != null && o instanceof CryptoGateway.Outcome.Unchanged) {
            return g.signOutbound(content, SignPolicy.ALWAYS, signer); // when-possible, not possible: still sign
        }
        return o;
    }

    private static boolean signerHas(CryptoGateway.SignerKeys s, CryptoGateway.Format f) {
        return f == CryptoGateway.Format.SMIME ? s.smime() != null : s.pgp() != null;
    }

    /**
     * The keys to sign with: those of the From address (the signature must name it, or receivers
     * report "untrusted"), else the account's. Null when the server key cannot open them.
     */
    private CryptoGateway.SignerKeys signerKeys(String account, String from) {
        List<String> candidates = new ArrayList<>();
        if (from != null) {
            candidates.add(from);
        }
        candidates.add(account);
        for (String a : candidates) {
            switch (accountKeys.privateKeys(a)) {
                case AccountKeys.Unsealed.Failed f -> {
                    LOG.error("signing for {}: {}", a, f.reason());
                    return null;
                }
                case AccountKeys.Unsealed.Keys k -> {
                    if (!k.isEmpty()) {
                        return new CryptoGateway.SignerKeys(k.smime().isEmpty() ? null : k.smime().get(0),
                                k.pgp().isEmpty() ? null : k.pgp().get(0), null);
                    }
                }
            }
        }
        return new CryptoGateway.SignerKeys(null, null, null); // the gateway says "no signing key"
    }

    private static String fromAddress(InboundMessage m) {
        Address a = AddressParser.parseFirst(m.parsed().headers().value("From"));
        if (a == null || a.address() == null) {
            return null;
        }
        try {
            return CryptoKeys.canonical(a.address());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String named(List<String> addresses) {
        if (addresses.size() <= NAMED) {
            return String.join(", ", addresses);
        }
        return String.join(", ", addresses.subList(0, NAMED)) + " and " + (addresses.size() - NAMED) + " more";
    }
}
