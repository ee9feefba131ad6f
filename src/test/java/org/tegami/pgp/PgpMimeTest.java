package org.tegami.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tegami.pgp.PgpTestKeys.CLOCK;
import static org.tegami.pgp.PgpTestKeys.NOW;
import static org.tegami.pgp.PgpTestKeys.RANDOM;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyKeyEncryptionMethodGenerator;
import org.junit.jupiter.api.Test;
import org.tegami.mime.MimeEntities;

/** PGP/MIME with Tegami on both ends: round trips, tampering, trust levels and bad input. */
class PgpMimeTest {

    static final byte[] MESSAGE = ("From: Alice Example <alice@example.test>\r\nTo: bob@example.test\r\nSubject: plans\r\n"
            + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <p1@example.test>\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Meet at noon. Café on the corner.\r\nFrom there we walk. \r\n").getBytes(StandardCharsets.UTF_8);

    static byte[] signedByAlice() {
        var r = new PgpSigner(CLOCK, RANDOM).signMessage(MESSAGE, PgpTestKeys.alice());
        assertThat(r).isInstanceOf(PgpSigner.Result.Signed.class);
        return ((PgpSigner.Result.Signed) r).bytes();
    }

    @Test
    void signedMessageVerifiesWithAVerifiedKey() {
        byte[] msg = signedByAlice();
        String text = new String(msg, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("From: Alice Example").contains("micalg=pgp-sha512")
                .contains("protocol=\"application/pgp-signature\"").contains("-----BEGIN PGP SIGNATURE-----\r\n");
        PgpVerification v = new PgpVerifier(PgpTestKeys.ring(KeyTrust.VERIFIED, PgpTestKeys.alice()), CLOCK).verify(msg);
        assertThat(v.status()).as(v.reason()).isEqualTo(PgpVerification.Status.PASS);
        assertThat(v.signerUserId()).isEqualTo("Alice Example <alice@example.test>");
        assertThat(v.signerFingerprint()).isEqualTo(PgpTestKeys.alice().fingerprint());
        assertThat(v.hashAlgorithm()).isEqualTo("SHA-512");
        assertThat(v.form()).isEqualTo(PgpVerification.Form.PGP_MIME);
        // RFC 3156 §3/§5: 8-bit text, trailing whitespace and "From " lines were protected by QP.
        String inner = new String(v.content(), StandardCharsets.US_ASCII);
        assertThat(inner).contains("Content-Transfer-Encoding: quoted-printable").contains("=46rom there we walk.=20");
    }

    @Test
    void trustLevelsDecideBetweenPassAndUntrusted() {
        byte[] msg = signedByAlice();
        PgpVerification unverified = new PgpVerifier(PgpTestKeys.ring(KeyTrust.UNVERIFIED, PgpTestKeys.alice()), CLOCK).verify(msg);
        assertThat(unverified.status()).isEqualTo(PgpVerification.Status.UNTRUSTED);
        assertThat(unverified.reason()).contains("learned from mail");
        PgpVerification unknown = new PgpVerifier(new KeyRing(), CLOCK).verify(msg);
        assertThat(unknown.status()).isEqualTo(PgpVerification.Status.UNKNOWN_KEY);
        assertThat(unknown.reason()).contains("not in the keyring");
    }

    @Test
    void attachedKeyVerifiesButOnlyAsUntrusted() {
        byte[] msg = signedByAlice();
        String keydata = java.util.Base64.getEncoder().encodeToString(PgpKeys.encode(PgpTestKeys.alice().publicRing()));
        byte[] withAutocrypt = ("Autocrypt: addr=alice@example.test; keydata=" + keydata + "\r\n"
                + new String(msg, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
        PgpVerification v = new PgpVerifier(new KeyRing(), CLOCK).verify(withAutocrypt);
        assertThat(v.status()).isEqualTo(PgpVerification.Status.UNTRUSTED);
        assertThat(v.reason()).contains("came with the message");
        assertThat(v.signerKey()).isNotNull();
    }

    @Test
    void tamperingFails() {
        KeyRing ring = PgpTestKeys.ring(KeyTrust.VERIFIED, PgpTestKeys.alice());
        String msg = new String(signedByAlice(), StandardCharsets.US_ASCII);
        String body = msg.replace("Meet at noon", "Meet at nine");
        assertThat(body).isNotEqualTo(msg);
        PgpVerification v = new PgpVerifier(ring, CLOCK).verify(body.getBytes(StandardCharsets.US_ASCII));
        assertThat(v.status()).isEqualTo(PgpVerification.Status.FAIL);
        assertThat(v.reason()).isEqualTo("The signature does not match the content: the message was changed after signing.");
        String header = msg.replace("Content-Type: text/plain; charset=utf-8\r\n", "Content-Type: text/plain; charset=utf-8\r\nX-Evil: 1\r\n");
        assertThat(new PgpVerifier(ring, CLOCK).verify(header.getBytes(StandardCharsets.US_ASCII)).status())
                .isEqualTo(PgpVerification.Status.FAIL);
    }

    @Test
    void revokedAndExpiredKeysMakeValidSignaturesUntrusted() throws Exception {
        byte[] msg = signedByAlice();
        KeyRing ring = new KeyRing();
        ring.add(PgpTestKeys.revoked(PgpTestKeys.alice(), RevocationReasonTags.KEY_COMPROMISED, NOW.minusSeconds(5)), KeyTrust.VERIFIED);
        PgpVerification revoked = new PgpVerifier(ring, CLOCK).verify(msg);
        assertThat(revoked.status()).isEqualTo(PgpVerification.Status.UNTRUSTED);
        assertThat(revoked.reason()).contains("revoked").contains("key compromised");
        // A soft revocation (superseded) made after the signature leaves the signature valid.
        KeyRing soft = new KeyRing();
        soft.add(PgpTestKeys.revoked(PgpTestKeys.alice(), RevocationReasonTags.KEY_SUPERSEDED, NOW.plusSeconds(60)), KeyTrust.VERIFIED);
        Clock later = Clock.fixed(NOW.plusSeconds(120), ZoneOffset.UTC);
        assertThat(new PgpVerifier(soft, later).verify(msg).status()).isEqualTo(PgpVerification.Status.PASS);
        Clock afterExpiry = Clock.fixed(NOW.plus(Duration.ofDays(800)), ZoneOffset.UTC);
        PgpVerification expired = new PgpVerifier(PgpTestKeys.ring(KeyTrust.VERIFIED, PgpTestKeys.alice()), afterExpiry).verify(msg);
        assertThat(expired.status()).isEqualTo(PgpVerification.Status.UNTRUSTED);
        assertThat(expired.reason()).contains("expired");
        assertThat(new PgpSigner(afterExpiry, RANDOM).signMessage(MESSAGE, PgpTestKeys.alice()))
                .isInstanceOf(PgpSigner.Result.Refused.class);
    }

    @Test
    void wrongPassphraseRefusesToSign() {
        PgpSecretKey wrong = new PgpSecretKey(PgpTestKeys.alice().ring(), "nope".toCharArray());
        assertThat(new PgpSigner(CLOCK, RANDOM).signMessage(MESSAGE, wrong))
                .isInstanceOfSatisfying(PgpSigner.Result.Refused.class, r -> assertThat(r.reason()).contains("passphrase"));
    }

    @Test
    void encryptDecryptToEd25519AndRsaRecipients() {
        var enc = new PgpEncryptor(CLOCK, RANDOM).encryptMessage(MESSAGE,
                List.of(PgpTestKeys.alice().publicRing(), PgpTestKeys.bob().publicRing()), null);
        byte[] msg = ((PgpEncryptor.Result.Encrypted) enc).bytes();
        String text = new String(msg, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("From: Alice Example").contains("Subject: plans").contains("multipart/encrypted")
                .contains("Version: 1").doesNotContain("Meet at noon");
        assertThat(((PgpEncryptor.Result.Encrypted) enc).recipientKeyIds()).hasSize(2);
        for (PgpSecretKey who : List.of(PgpTestKeys.alice(), PgpTestKeys.bob())) {
            var r = new PgpDecryptor(new KeyRing(), CLOCK).decryptMessage(msg, List.of(PgpTestKeys.carol(), who));
            assertThat(r).as(r.toString()).isInstanceOf(PgpDecryptor.Result.Decrypted.class);
            var d = (PgpDecryptor.Result.Decrypted) r;
            assertThat(d.content()).isEqualTo(MimeEntities.split(MESSAGE).entity());
            assertThat(d.cipher()).isEqualTo("AES-256");
            assertThat(d.signature().status()).isEqualTo(PgpVerification.Status.NONE);
        }
    }

    @Test
    void signedAndEncryptedVerifiesInside() {
        var enc = (PgpEncryptor.Result.Encrypted) new PgpEncryptor(CLOCK, RANDOM).encryptMessage(MESSAGE,
                List.of(PgpTestKeys.bob().publicRing()), PgpTestKeys.alice());
        KeyRing ring = PgpTestKeys.ring(KeyTrust.VERIFIED, PgpTestKeys.alice());
        var d = (PgpDecryptor.Result.Decrypted) new PgpDecryptor(ring, CLOCK).decryptMessage(enc.bytes(), List.of(PgpTestKeys.bob()));
        assertThat(d.signature().status()).as(d.signature().reason()).isEqualTo(PgpVerification.Status.PASS);
        assertThat(d.signature().form()).isEqualTo(PgpVerification.Form.INSIDE_ENCRYPTION);
        // RFC 3156 §6.1 nesting: a signed entity, then encrypted.
        byte[] signedEntity = MimeEntities.split(signedByAlice()).entity();
        var nested = (PgpEncryptor.Result.Encrypted) new PgpEncryptor(CLOCK, RANDOM).encrypt(signedEntity,
                List.of(PgpTestKeys.bob().publicRing()), null);
        var dn = (PgpDecryptor.Result.Decrypted) new PgpDecryptor(ring, CLOCK).decryptMessage(nested.bytes(), List.of(PgpTestKeys.bob()));
        assertThat(dn.signature().status()).isEqualTo(PgpVerification.Status.PASS);
        assertThat(dn.signature().form()).isEqualTo(PgpVerification.Form.PGP_MIME);
    }

    @Test
    void decryptionFailuresAreTyped() {
        var enc = (PgpEncryptor.Result.Encrypted) new PgpEncryptor(CLOCK, RANDOM).encryptMessage(MESSAGE,
                List.of(PgpTestKeys.alice().publicRing()), null);
        PgpDecryptor dec = new PgpDecryptor(new KeyRing(), CLOCK);
        assertThat(dec.decryptMessage(enc.bytes(), List.of(PgpTestKeys.carol())))
                .isInstanceOfSatisfying(PgpDecryptor.Result.NoMatchingKey.class, n -> assertThat(n.recipientKeyIds()).hasSize(1));
        assertThat(dec.decryptMessage(enc.bytes(), List.of(new PgpSecretKey(PgpTestKeys.alice().ring(), "bad".toCharArray()))))
                .isInstanceOf(PgpDecryptor.Result.WrongPassphrase.class);
        assertThat(dec.decryptMessage(MESSAGE, List.of(PgpTestKeys.alice()))).isInstanceOf(PgpDecryptor.Result.NotEncrypted.class);
    }

    @Test
    void truncatedAndAlteredPacketsFail() throws Exception {
        byte[] bin = encryptedBinary(true);
        PgpDecryptor dec = new PgpDecryptor(new KeyRing(), CLOCK);
        for (int cut : new int[] {1, 5, 40, bin.length / 2, bin.length - 1}) {
            var r = dec.decrypt(Arrays.copyOf(bin, cut), List.of(PgpTestKeys.alice()), List.of(), false);
            assertThat(r).as("cut at " + cut).isInstanceOf(PgpDecryptor.Result.Failed.class);
        }
        byte[] flipped = bin.clone();
        flipped[flipped.length - 30] ^= 0x01; // inside the encrypted data: the MDC check must fail
        var r = dec.decrypt(flipped, List.of(PgpTestKeys.alice()), List.of(), false);
        assertThat(r).isInstanceOf(PgpDecryptor.Result.Failed.class);
        // signatures: truncated armour or packets
        byte[] msg = signedByAlice();
        String s = new String(msg, StandardCharsets.US_ASCII);
        String cutSig = s.substring(0, s.indexOf("-----END PGP SIGNATURE-----") - 20) + "\r\n-----END PGP SIGNATURE-----\r\n" + s.substring(s.lastIndexOf("--=_tegami"));
        PgpVerification v = new PgpVerifier(PgpTestKeys.ring(KeyTrust.VERIFIED, PgpTestKeys.alice()), CLOCK)
                .verify(cutSig.getBytes(StandardCharsets.US_ASCII));
        assertThat(v.status()).isEqualTo(PgpVerification.Status.FAIL);
    }

    @Test
    void dataWithoutIntegrityProtectionIsRefused() throws Exception {
        var r = new PgpDecryptor(new KeyRing(), CLOCK).decrypt(encryptedBinary(false), List.of(PgpTestKeys.alice()), List.of(), false);
        assertThat(r).isInstanceOfSatisfying(PgpDecryptor.Result.Failed.class,
                f -> assertThat(f.reason()).contains("without integrity protection"));
    }

    @Test
    void compressionBombInsideEncryptionIsBounded() throws Exception {
        // 80 MB of zeros compress to ~80 KB; the limit stops reading at PgpPackets.MAX_BYTES.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PGPEncryptedDataGenerator enc = new PGPEncryptedDataGenerator(new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                .setWithIntegrityPacket(true).setProvider(Bc.PROVIDER));
        enc.addMethod(new JcePublicKeyKeyEncryptionMethodGenerator(
                KeyEvaluator.evaluate(PgpTestKeys.alice().publicRing(), NOW).encryptionKey(NOW)).setProvider(Bc.PROVIDER));
        try (OutputStream eo = enc.open(out, new byte[1 << 16])) {
            var comp = new org.bouncycastle.openpgp.PGPCompressedDataGenerator(org.bouncycastle.bcpg.CompressionAlgorithmTags.ZIP);
            try (OutputStream co = comp.open(eo)) {
                try (OutputStream lo = new PGPLiteralDataGenerator().open(co, PGPLiteralData.BINARY, "", new Date(), new byte[1 << 16])) {
                    byte[] zeros = new byte[1 << 20];
                    for (int i = 0; i < 80; i++) {
                        lo.write(zeros);
                    }
                }
            }
        }
        var r = new PgpDecryptor(new KeyRing(), CLOCK).decrypt(out.toByteArray(), List.of(PgpTestKeys.alice()), List.of(), false);
        assertThat(r).isInstanceOfSatisfying(PgpDecryptor.Result.Failed.class, f -> assertThat(f.reason()).contains("larger than"));
    }

    /** Binary OpenPGP data encrypted to alice, with or without the MDC. */
    static byte[] encryptedBinary(boolean integrity) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PGPEncryptedDataGenerator enc = new PGPEncryptedDataGenerator(new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                .setWithIntegrityPacket(integrity).setProvider(Bc.PROVIDER));
        enc.addMethod(new JcePublicKeyKeyEncryptionMethodGenerator(
                KeyEvaluator.evaluate(PgpTestKeys.alice().publicRing(), NOW).encryptionKey(NOW)).setProvider(Bc.PROVIDER));
        try (OutputStream eo = enc.open(out, new byte[1 << 16])) {
            try (OutputStream lo = new PGPLiteralDataGenerator().open(eo, PGPLiteralData.BINARY, "", MESSAGE.length, new Date())) {
                lo.write(MESSAGE);
            }
        }
        return out.toByteArray();
    }
}
