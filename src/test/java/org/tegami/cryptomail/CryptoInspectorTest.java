package org.tegami.cryptomail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tegami.mime.MimeEntities;
import org.tegami.pgp.KeyRing;
import org.tegami.pgp.KeyTrust;
import org.tegami.pgp.PgpEncryptor;
import org.tegami.pgp.PgpSigner;
import org.tegami.pgp.PgpTestKeys;
import org.tegami.smime.SmimeEncryptor;
import org.tegami.smime.SmimeSigner;
import org.tegami.smime.TestPki;
import org.tegami.smime.TrustStore;

/** The inspector's verdicts and JSON for each kind of message, made by Tegami's own libraries. */
class CryptoInspectorTest {

    static final TestPki PKI = TestPki.get();
    static final SecureRandom RANDOM = new SecureRandom();

    static byte[] message(String from) {
        return ("From: " + from + "\r\nTo: bob@example.test\r\nSubject: report\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <r1@example.test>\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nQuarterly numbers attached.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] smimeSigned(String from) {
        return ((SmimeSigner.Result.Signed) new SmimeSigner(PKI.clock, RANDOM).signMessage(message(from), PKI.alice,
                SmimeSigner.Options.DEFAULT)).entity();
    }

    Inspection inspect(byte[] msg) {
        return CryptoInspector.inspect(msg, PKI.trust(), new KeyRing(), PKI.clock);
    }

    @Test
    void plainMessage() {
        Inspection i = inspect(message("alice@example.test"));
        assertThat(i.type()).isEqualTo("none");
        assertThat(i.signed()).isFalse();
        assertThat(i.encrypted()).isFalse();
        assertThat(i.signature()).isEqualTo("none");
        assertThat(i.signer()).isNull();
        assertThat(i.toJson()).startsWith("{\"type\":\"none\",\"signed\":false,\"encrypted\":false,\"signature\":\"none\","
                + "\"signer\":null,\"reason\":\"The message is neither signed nor encrypted.\",\"details\":{");
    }

    @Test
    void smimeSignedPassesAndTamperedFails() {
        byte[] msg = smimeSigned("Alice <alice@example.test>");
        Inspection i = inspect(msg);
        assertThat(i.type()).isEqualTo("smime");
        assertThat(i.signed()).isTrue();
        assertThat(i.signature()).as(i.reason()).isEqualTo("pass");
        assertThat(i.signer()).isEqualTo("alice@example.test");
        assertThat(i.details().signerMatchesFrom()).isTrue();
        assertThat(i.details().format()).isEqualTo("multipart/signed");
        assertThat(i.details().digestAlgorithm()).isEqualTo("SHA-256");
        assertThat(i.toJson()).contains("\"type\":\"smime\",\"signed\":true,\"encrypted\":false,\"signature\":\"pass\","
                + "\"signer\":\"alice@example.test\"");
        byte[] changed = new String(msg, StandardCharsets.US_ASCII).replace("Quarterly", "Quarter1y").getBytes(StandardCharsets.US_ASCII);
        Inspection f = inspect(changed);
        assertThat(f.signature()).isEqualTo("fail");
        assertThat(f.reason()).isEqualTo("The signature does not match the content: the message was changed after signing.");
        Inspection u = CryptoInspector.inspect(msg, TrustStore.empty(), new KeyRing(), PKI.clock);
        assertThat(u.signature()).isEqualTo("untrusted");
    }

    @Test
    void signerWhoIsNotTheSenderIsUntrusted() {
        Inspection i = inspect(smimeSigned("The CEO <ceo@example.test>"));
        assertThat(i.signature()).isEqualTo("untrusted");
        assertThat(i.reason()).isEqualTo("The signature is valid, but the certificate belongs to alice@example.test, "
                + "not to the sender address ceo@example.test.");
        assertThat(i.details().signerMatchesFrom()).isFalse();
    }

    @Test
    void smimeEncryptedWithoutKeyAndWithKeyAndSignatureInside() {
        byte[] signed = smimeSigned("alice@example.test");
        byte[] enc = ((SmimeEncryptor.Result.Encrypted) new SmimeEncryptor(PKI.clock, RANDOM).encryptMessage(signed,
                List.of(PKI.bob.certificate()), SmimeEncryptor.Options.DEFAULT)).bytes();
        Inspection closed = inspect(enc);
        assertThat(closed.type()).isEqualTo("smime");
        assertThat(closed.encrypted()).isTrue();
        assertThat(closed.signed()).isFalse();
        assertThat(closed.signature()).isEqualTo("none");
        assertThat(closed.details().encryptionAlgorithm()).isEqualTo("AES-256-GCM");
        assertThat(closed.details().keyEncryption()).containsExactly("ECDH-SHA256KDF");
        assertThat(closed.reason()).contains("no private key is available");
        Inspection open = CryptoInspector.inspect(enc, PKI.trust(), new KeyRing(), PKI.clock,
                new DecryptionKeys(List.of(PKI.bob), List.of()));
        assertThat(open.encrypted()).isTrue();
        assertThat(open.signed()).isTrue();
        assertThat(open.signature()).as(open.reason()).isEqualTo("pass");
        assertThat(open.signer()).isEqualTo("alice@example.test");
        assertThat(open.details().decrypted()).isTrue();
        Inspection notOurs = CryptoInspector.inspect(enc, PKI.trust(), new KeyRing(), PKI.clock,
                new DecryptionKeys(List.of(PKI.carol), List.of()));
        assertThat(notOurs.reason()).contains("none of the available keys is a recipient");
    }

    @Test
    void pgpSignedAndEncryptedVerdicts() {
        byte[] msg = ((PgpSigner.Result.Signed) new PgpSigner(PgpTestKeys.CLOCK, RANDOM).signMessage(
                message("Alice Example <alice@example.test>"), PgpTestKeys.alice())).bytes();
        KeyRing verified = PgpTestKeys.ring(KeyTrust.VERIFIED, PgpTestKeys.alice());
        Inspection pass = CryptoInspector.inspect(msg, TrustStore.empty(), verified, PgpTestKeys.CLOCK);
        assertThat(pass.type()).isEqualTo("pgp");
        assertThat(pass.signature()).as(pass.reason()).isEqualTo("pass");
        assertThat(pass.signer()).isEqualTo("Alice Example <alice@example.test> [" + PgpTestKeys.alice().fingerprint() + "]");
        Inspection unknown = CryptoInspector.inspect(msg, TrustStore.empty(), new KeyRing(), PgpTestKeys.CLOCK);
        assertThat(unknown.signature()).isEqualTo("unknown-key");
        assertThat(unknown.signer()).startsWith("key ");
        Inspection untrusted = CryptoInspector.inspect(msg, TrustStore.empty(),
                PgpTestKeys.ring(KeyTrust.UNVERIFIED, PgpTestKeys.alice()), PgpTestKeys.CLOCK);
        assertThat(untrusted.signature()).isEqualTo("untrusted");
        byte[] enc = ((PgpEncryptor.Result.Encrypted) new PgpEncryptor(PgpTestKeys.CLOCK, RANDOM).encryptMessage(
                message("Alice Example <alice@example.test>"), List.of(PgpTestKeys.bob().publicRing()), PgpTestKeys.alice())).bytes();
        Inspection closed = CryptoInspector.inspect(enc, TrustStore.empty(), verified, PgpTestKeys.CLOCK);
        assertThat(closed.type()).isEqualTo("pgp");
        assertThat(closed.encrypted()).isTrue();
        assertThat(closed.signature()).isEqualTo("none");
        assertThat(closed.details().recipients()).hasSize(1);
        Inspection open = CryptoInspector.inspect(enc, TrustStore.empty(), verified, PgpTestKeys.CLOCK,
                new DecryptionKeys(List.of(), List.of(PgpTestKeys.bob())));
        assertThat(open.signed()).isTrue();
        assertThat(open.signature()).as(open.reason()).isEqualTo("pass");
        assertThat(open.details().encryptionAlgorithm()).isEqualTo("AES-256");
    }

    @Test
    void deeplyNestedEncryptionGivesADefinedAnswer() {
        byte[] msg = message("alice@example.test");
        for (int i = 0; i < CryptoInspector.MAX_DEPTH + 2; i++) {
            msg = ((SmimeEncryptor.Result.Encrypted) new SmimeEncryptor(PKI.clock, RANDOM).encryptMessage(msg,
                    List.of(PKI.alice.certificate()), SmimeEncryptor.Options.DEFAULT)).bytes();
        }
        Inspection i = CryptoInspector.inspect(msg, PKI.trust(), new KeyRing(), PKI.clock, new DecryptionKeys(List.of(PKI.alice), List.of()));
        assertThat(i.type()).isEqualTo("smime");
        assertThat(i.encrypted()).isTrue();
        assertThat(i.reason()).contains("nested too deeply");
    }

    @Test
    void jsonEscapesEverything() {
        Inspection i = new Inspection("pgp", true, false, "pass", "Eve \"the\" <e@x>\\\n\u0001\u2028", "ok", null);
        assertThat(i.toJson()).contains("\"signer\":\"Eve \\\"the\\\" <e@x>\\\\\\n\\u0001\\u2028\"");
    }

    @Test
    void partialSignatureInsideAMailingListWrapperIsNoted() {
        byte[] signed = MimeEntities.split(smimeSigned("alice@example.test")).entity();
        String wrapped = "From: alice@example.test\r\nSubject: via list\r\nContent-Type: multipart/mixed; boundary=\"L\"\r\n\r\n"
                + "--L\r\n" + new String(signed, StandardCharsets.US_ASCII) + "\r\n--L\r\nContent-Type: text/plain\r\n\r\n"
                + "List footer\r\n--L--\r\n";
        Inspection i = inspect(wrapped.getBytes(StandardCharsets.US_ASCII));
        assertThat(i.signature()).isEqualTo("pass");
        assertThat(i.details().wholeMessage()).isFalse();
        assertThat(i.details().notes()).anyMatch(n -> n.contains("only a part"));
    }
}
