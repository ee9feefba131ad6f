package org.tegami.cryptomail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.cryptomail.CryptoGateway.EncryptPolicy;
import org.tegami.cryptomail.CryptoGateway.Format;
import org.tegami.cryptomail.CryptoGateway.Outcome;
import org.tegami.cryptomail.CryptoGateway.RecipientKeys;
import org.tegami.cryptomail.CryptoGateway.SignPolicy;
import org.tegami.cryptomail.CryptoGateway.SignerKeys;
import org.tegami.mime.MimeParser;
import org.tegami.pgp.KeyRing;
import org.tegami.pgp.KeyTrust;
import org.tegami.pgp.PgpSecretKey;
import org.tegami.pgp.PgpTestKeys;
import org.tegami.smime.TestPki;

/** The gateway operations the pipeline calls, end to end through Tegami's own libraries. */
class CryptoGatewayTest {

    static final TestPki PKI = TestPki.get();
    static final SecureRandom RANDOM = new SecureRandom();
    static final byte[] MESSAGE = ("Received: from client by mx\r\nFrom: Alice <alice@example.test>\r\nTo: bob@example.test, "
            + "carol@example.test\r\nSubject: Budget\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <b1@example.test>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nThe budget is approved.\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    CryptoGateway gateway(KeyRing ring) {
        return new CryptoGateway(PKI.trust(), ring, PKI.clock, RANDOM);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void signOutboundFollowsThePolicy() {
        CryptoGateway g = gateway(new KeyRing());
        SignerKeys keys = new SignerKeys(PKI.alice, PgpTestKeys.alice(), Format.SMIME);
        assertThat(g.signOutbound(MESSAGE, SignPolicy.NEVER, keys)).isInstanceOf(Outcome.Unchanged.class);
        Outcome smime = g.signOutbound(MESSAGE, SignPolicy.ALWAYS, keys);
        assertThat(smime).isInstanceOfSatisfying(Outcome.Changed.class, c -> {
            assertThat(c.format()).isEqualTo(Format.SMIME);
            assertThat(g.verifyInbound(c.message()).headerValue()).isEqualTo("smime; pass; signer=alice@example.test");
        });
        Outcome pgp = g.signOutbound(MESSAGE, SignPolicy.ALWAYS, new SignerKeys(PKI.alice, PgpTestKeys.alice(), Format.PGP));
        assertThat(pgp).isInstanceOfSatisfying(Outcome.Changed.class, c -> assertThat(c.format()).isEqualTo(Format.PGP));
        byte[] signed = ((Outcome.Changed) smime).message();
        assertThat(g.signOutbound(signed, SignPolicy.ALWAYS, keys)).isInstanceOfSatisfying(Outcome.Unchanged.class,
                u -> assertThat(u.reason()).contains("already signed"));
        assertThat(g.signOutbound(MESSAGE, SignPolicy.ALWAYS, null)).isInstanceOf(Outcome.Refused.class);
        assertThat(g.signOutbound(MESSAGE, SignPolicy.ALWAYS, new SignerKeys(PKI.expired, null, Format.SMIME)))
                .isInstanceOf(Outcome.Refused.class);
    }

    @Test
    void encryptOutboundRequiredNamesRecipientsWithoutKeys() {
        CryptoGateway g = gateway(new KeyRing());
        List<RecipientKeys> rcpts = List.of(
                new RecipientKeys("bob@example.test", List.of(PKI.bob.certificate()), List.of()),
                new RecipientKeys("carol@example.test", List.of(), List.of()),
                new RecipientKeys("dave@example.test", List.of(PKI.expired.certificate()), List.of()));
        Outcome required = g.encryptOutbound(MESSAGE, EncryptPolicy.REQUIRED, rcpts, null, null);
        assertThat(required).isInstanceOfSatisfying(Outcome.MissingKeys.class, m -> {
            assertThat(m.recipients()).containsExactly("carol@example.test", "dave@example.test");
            assertThat(m.reason()).isEqualTo("no encryption key for: carol@example.test, dave@example.test");
        });
        Outcome possible = g.encryptOutbound(MESSAGE, EncryptPolicy.WHEN_POSSIBLE, rcpts, null, null);
        assertThat(possible).isInstanceOfSatisfying(Outcome.Unchanged.class, u -> assertThat(u.message()).isEqualTo(MESSAGE));
        assertThat(g.encryptOutbound(MESSAGE, EncryptPolicy.NEVER, rcpts, null, null)).isInstanceOf(Outcome.Unchanged.class);
    }

    @Test
    void encryptOutboundPicksTheFormatEveryoneHasAndSignsInside() {
        CryptoGateway g = gateway(PgpTestKeys.ring(KeyTrust.VERIFIED, PgpTestKeys.alice()));
        List<RecipientKeys> mixed = List.of(
                new RecipientKeys("bob@example.test", List.of(PKI.bob.certificate()), List.of(PgpTestKeys.bob().publicRing())),
                new RecipientKeys("carol@example.test", List.of(), List.of(PgpTestKeys.carol().publicRing())));
        SignerKeys signer = new SignerKeys(PKI.alice, PgpTestKeys.alice(), Format.SMIME);
        Outcome o = g.encryptOutbound(MESSAGE, EncryptPolicy.REQUIRED, mixed, signer, null);
        assertThat(o).isInstanceOfSatisfying(Outcome.Changed.class, c -> {
            assertThat(c.format()).isEqualTo(Format.PGP); // S/MIME would leave carol out
            assertThat(c.description()).startsWith("signed and encrypted with OpenPGP");
            String t = text(c.message());
            assertThat(t).contains("Subject: Budget").contains("Received: from client by mx").doesNotContain("approved");
            for (PgpSecretKey k : List.of(PgpTestKeys.bob(), PgpTestKeys.carol())) {
                Inspection i = CryptoInspector.inspect(c.message(), PKI.trust(), PgpTestKeys.ring(KeyTrust.VERIFIED, PgpTestKeys.alice()),
                        PgpTestKeys.CLOCK, new DecryptionKeys(List.of(), List.of(k)));
                assertThat(i.signature()).as(i.reason()).isEqualTo("pass");
                assertThat(i.encrypted()).isTrue();
            }
        });
        List<RecipientKeys> smimeOnly = List.of(new RecipientKeys("bob@example.test", List.of(PKI.bob.certificate()), List.of()));
        Outcome s = g.encryptOutbound(MESSAGE, EncryptPolicy.REQUIRED, smimeOnly, signer, null);
        assertThat(s).isInstanceOfSatisfying(Outcome.Changed.class, c -> {
            assertThat(c.format()).isEqualTo(Format.SMIME);
            Inspection i = CryptoInspector.inspect(c.message(), PKI.trust(), new KeyRing(), PKI.clock,
                    new DecryptionKeys(List.of(PKI.bob), List.of()));
            assertThat(i.signed()).isTrue();
            assertThat(i.signature()).as(i.reason()).isEqualTo("pass");
            assertThat(i.details().encryptionAlgorithm()).isEqualTo("AES-256-GCM");
        });
    }

    @Test
    void verifyInboundHeaderReplacesForgedOnes() {
        CryptoGateway g = gateway(new KeyRing());
        byte[] forged = ("X-Tegami-Signature: smime; pass;\r\n signer=ceo@example.test\r\n" + text(MESSAGE)
                + "").getBytes(StandardCharsets.US_ASCII);
        byte[] stripped = CryptoGateway.stripSignatureHeader(forged);
        assertThat(stripped).isEqualTo(MESSAGE);
        var v = g.verifyInbound(forged);
        assertThat(v.headerValue()).isEqualTo("none");
        byte[] marked = CryptoGateway.withSignatureHeader(forged, v.headerValue());
        assertThat(text(marked)).startsWith("X-Tegami-Signature: none\r\nReceived:").doesNotContain("ceo@");
        assertThat(MimeParser.parse(marked).headers().all("X-Tegami-Signature")).hasSize(1);
        assertThat(CryptoGateway.headerValue("Alice \"A\" <a@x> [F]")).isEqualTo("\"Alice \\\"A\\\" <a@x> [F]\"");
        assertThat(CryptoGateway.headerValue("a@x\r\nX-Evil: 1")).doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void decryptInboundForAccountsWithKeys() {
        CryptoGateway g = gateway(new KeyRing());
        byte[] smime = ((Outcome.Changed) g.encryptOutbound(MESSAGE, EncryptPolicy.REQUIRED,
                List.of(new RecipientKeys("bob@example.test", List.of(PKI.bob.certificate()), List.of())), null, null)).message();
        Outcome d = g.decryptInbound(smime, new DecryptionKeys(List.of(PKI.bob), List.of()));
        assertThat(d).isInstanceOfSatisfying(Outcome.Changed.class, c -> {
            assertThat(text(c.message())).contains("Subject: Budget").contains("The budget is approved.");
            assertThat(MimeParser.parse(c.message()).root().contentType().mimeType()).isEqualTo("text/plain");
        });
        assertThat(g.decryptInbound(smime, new DecryptionKeys(List.of(PKI.carol), List.of()))).isInstanceOf(Outcome.Unchanged.class);
        assertThat(g.decryptInbound(MESSAGE, new DecryptionKeys(List.of(PKI.bob), List.of()))).isInstanceOf(Outcome.Unchanged.class);
        byte[] pgp = ((Outcome.Changed) g.encryptOutbound(MESSAGE, EncryptPolicy.REQUIRED,
                List.of(new RecipientKeys("alice@example.test", List.of(), List.of(PgpTestKeys.alice().publicRing()))), null, null)).message();
        assertThat(g.decryptInbound(pgp, new DecryptionKeys(List.of(), List.of(PgpTestKeys.alice()))))
                .isInstanceOfSatisfying(Outcome.Changed.class, c -> assertThat(text(c.message())).contains("The budget is approved."));
        assertThat(g.decryptInbound(pgp, new DecryptionKeys(List.of(), List.of(new PgpSecretKey(PgpTestKeys.alice().ring(),
                "wrong".toCharArray()))))).isInstanceOfSatisfying(Outcome.Refused.class, r -> assertThat(r.reason()).contains("passphrase"));
    }

    @Test
    void encryptAtRestKeepsListingHeadersOutside() {
        CryptoGateway g = gateway(new KeyRing());
        for (CryptoGateway.AtRestKey key : List.of(new CryptoGateway.AtRestKey.Smime(PKI.alice.certificate()),
                new CryptoGateway.AtRestKey.Pgp(PgpTestKeys.alice().publicRing()))) {
            Outcome o = g.encryptAtRest(MESSAGE, key);
            assertThat(o).isInstanceOf(Outcome.Changed.class);
            byte[] stored = ((Outcome.Changed) o).message();
            var h = MimeParser.parse(stored).headers();
            for (String name : List.of("From", "To", "Subject", "Date", "Message-ID")) {
                assertThat(h.value(name)).as(name).isEqualTo(MimeParser.parse(MESSAGE).headers().value(name));
            }
            assertThat(text(stored)).doesNotContain("approved");
            assertThat(g.encryptAtRest(stored, key)).isInstanceOf(Outcome.Unchanged.class);
            Outcome back = g.decryptInbound(stored, new DecryptionKeys(List.of(PKI.alice), List.of(PgpTestKeys.alice())));
            assertThat(text(((Outcome.Changed) back).message())).contains("The budget is approved.");
        }
        Outcome smime = g.encryptAtRest(MESSAGE, new CryptoGateway.AtRestKey.Smime(PKI.alice.certificate()));
        assertThat(text(((Outcome.Changed) smime).message())).contains("smime-type=enveloped-data");
    }

    @Test
    void harvestTakesKeysOnlyFromValidSignatures() {
        CryptoGateway g = gateway(new KeyRing());
        byte[] signed = ((Outcome.Changed) g.signOutbound(MESSAGE, SignPolicy.ALWAYS, new SignerKeys(PKI.alice, null, Format.SMIME)))
                .message();
        CryptoGateway.Harvest h = g.harvest(signed);
        assertThat(h.certificates()).first().isEqualTo(PKI.alice.certificate());
        assertThat(h.certificates()).contains(PKI.intermediate.certificate());
        assertThat(h.signer()).isEqualTo("alice@example.test");
        assertThat(h.signatureTrusted()).isTrue();
        byte[] tampered = text(signed).replace("approved", "rejected").getBytes(StandardCharsets.US_ASCII);
        assertThat(g.harvest(tampered).isEmpty()).isTrue();
        byte[] pgp = ((Outcome.Changed) g.signOutbound(MESSAGE, SignPolicy.ALWAYS, new SignerKeys(null, PgpTestKeys.alice(), Format.PGP)))
                .message();
        String keydata = java.util.Base64.getEncoder().encodeToString(org.tegami.pgp.PgpKeys.encode(PgpTestKeys.alice().publicRing()));
        byte[] withKey = ("Autocrypt: addr=alice@example.test; keydata=" + keydata + "\r\n" + text(pgp)).getBytes(StandardCharsets.US_ASCII);
        CryptoGateway.Harvest hp = g.harvest(withKey);
        assertThat(hp.pgpKeys()).hasSize(1);
        assertThat(hp.signatureTrusted()).isFalse();
        KeyRing learned = new KeyRing();
        learned.add(hp.pgpKeys().get(0), KeyTrust.UNVERIFIED);
        assertThat(gateway(learned).verifyInbound(pgp).headerValue()).startsWith("pgp; untrusted; signer=\"Alice Example");
    }
}
