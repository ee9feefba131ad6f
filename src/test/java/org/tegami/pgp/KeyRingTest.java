package org.tegami.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tegami.pgp.PgpTestKeys.CREATED;
import static org.tegami.pgp.PgpTestKeys.NOW;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.junit.jupiter.api.Test;
import org.tegami.testing.Conformance;

/** Keyring model: import, merge, trust, listing, revocation, expiry, certifications, bad input. */
class KeyRingTest {

    @Test
    void importListAndLookUp() {
        PgpSecretKey alice = PgpTestKeys.alice();
        KeyRing ring = new KeyRing();
        KeyRing.ImportResult r = ring.importKeys(PgpKeys.armor(alice.publicRing()), KeyTrust.VERIFIED);
        assertThat(r.problems()).isEmpty();
        assertThat(r.imported()).singleElement().satisfies(i -> {
            assertThat(i.fingerprint()).isEqualTo(alice.fingerprint()).hasSize(40);
            assertThat(i.primaryUserId()).isEqualTo("Alice Example <alice@example.test>");
            assertThat(i.added()).isTrue();
            assertThat(i.hadSecretKey()).isFalse();
        });
        PgpKeyInfo info = ring.list(NOW).get(0);
        assertThat(info.algorithm()).isEqualTo("Ed25519");
        assertThat(info.validity()).isEqualTo(PgpKeyInfo.Validity.VALID);
        assertThat(info.trust()).isEqualTo(KeyTrust.VERIFIED);
        assertThat(info.created()).isEqualTo(CREATED);
        assertThat(info.expires()).isEqualTo(CREATED.plus(Duration.ofDays(730)));
        assertThat(info.userIds()).singleElement().satisfies(u -> {
            assertThat(u.email()).isEqualTo("alice@example.test");
            assertThat(u.primary()).isTrue();
            assertThat(u.selfCertified()).isTrue();
        });
        assertThat(info.subkeys()).singleElement().satisfies(s -> {
            assertThat(s.algorithm()).isEqualTo("X25519");
            assertThat(s.usage()).containsExactly("encrypt");
            assertThat(s.bound()).isTrue();
        });
        assertThat(info.canSign()).isTrue();
        assertThat(info.canEncrypt()).isTrue();
        assertThat(ring.findByEmail("Alice@EXAMPLE.test")).hasSize(1);
        assertThat(ring.findByEmail("nobody@example.test")).isEmpty();
        long subId = alice.publicRing().getPublicKeys().next().getKeyID();
        assertThat(ring.findByKeyId(subId)).isPresent();
        assertThat(new String(ring.export(alice.fingerprint()).orElseThrow(), StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----\r\n");
        assertThat(ring.remove(alice.fingerprint())).isTrue();
        assertThat(ring.entries()).isEmpty();
    }

    @Test
    void secretKeyBlockImportsOnlyThePublicPart() {
        KeyRing ring = new KeyRing();
        var r = ring.importKeys(PgpTestKeys.bob().armored(), KeyTrust.VERIFIED);
        assertThat(r.imported()).singleElement().satisfies(i -> assertThat(i.hadSecretKey()).isTrue());
        assertThat(ring.list(NOW).get(0).algorithm()).isEqualTo("RSA-3072");
        assertThat(ring.list(NOW).get(0).hasSecretKey()).isFalse();
    }

    @Test
    void trustIsRaisedByAnImportButNeverLowered() {
        KeyRing ring = new KeyRing();
        byte[] key = PgpKeys.armor(PgpTestKeys.carol().publicRing());
        assertThat(ring.importKeys(key, KeyTrust.UNVERIFIED).imported().get(0).trust()).isEqualTo(KeyTrust.UNVERIFIED);
        assertThat(ring.importKeys(key, KeyTrust.VERIFIED).imported().get(0)).satisfies(i -> {
            assertThat(i.trust()).isEqualTo(KeyTrust.VERIFIED);
            assertThat(i.added()).isFalse();
        });
        assertThat(ring.importKeys(key, KeyTrust.UNVERIFIED).imported().get(0).trust()).isEqualTo(KeyTrust.VERIFIED);
        assertThat(ring.entries()).hasSize(1);
    }

    @Test
    void revocationIsHonouredAndMergedIntoAKnownKey() throws Exception {
        PgpSecretKey carol = PgpTestKeys.carol();
        KeyRing ring = PgpTestKeys.ring(KeyTrust.VERIFIED, carol);
        Instant when = NOW.minus(Duration.ofDays(1));
        ring.importKeys(PgpKeys.armor(PgpTestKeys.revoked(carol, RevocationReasonTags.KEY_COMPROMISED, when)), KeyTrust.UNVERIFIED);
        PgpKeyInfo info = ring.list(NOW).get(0);
        assertThat(info.validity()).isEqualTo(PgpKeyInfo.Validity.REVOKED);
        assertThat(info.revocationReason()).contains("key compromised").contains("stolen laptop");
        assertThat(info.canEncrypt()).isFalse();
        // Before the revocation was made, the key was fine.
        assertThat(ring.list(when.minusSeconds(60)).get(0).validity()).isEqualTo(PgpKeyInfo.Validity.VALID);
    }

    @Test
    void expiryDependsOnTheClock() {
        PgpSecretKey shortLived = PgpKeyGenerator.generate("Short <short@example.test>", PgpKeyGenerator.KeyType.ED25519,
                new char[0], NOW, Duration.ofDays(1), PgpTestKeys.RANDOM);
        KeyRing ring = PgpTestKeys.ring(KeyTrust.VERIFIED, shortLived);
        assertThat(ring.list(NOW.plusSeconds(3600)).get(0).validity()).isEqualTo(PgpKeyInfo.Validity.VALID);
        assertThat(ring.list(NOW.plus(Duration.ofDays(2))).get(0).validity()).isEqualTo(PgpKeyInfo.Validity.EXPIRED);
        assertThat(ring.list(NOW.minusSeconds(3600)).get(0).validity()).isEqualTo(PgpKeyInfo.Validity.NOT_YET_VALID);
    }

    @Test
    void certificationsByOtherKeysAreListed() throws Exception {
        PgpSecretKey alice = PgpTestKeys.alice();
        PgpSecretKey carol = PgpTestKeys.carol();
        KeyRing ring = new KeyRing();
        ring.add(PgpTestKeys.certifiedBy(alice.publicRing(), carol, NOW.minusSeconds(10)), KeyTrust.VERIFIED);
        var cert = ring.list(NOW).get(0).userIds().get(0).certifications();
        assertThat(cert).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(PgpKeyInfo.Certification.Status.UNKNOWN_ISSUER);
            assertThat(c.issuerFingerprint()).isEqualTo(carol.fingerprint());
            assertThat(c.level()).isEqualTo("casual");
        });
        ring.add(carol.publicRing(), KeyTrust.VERIFIED);
        PgpKeyInfo aliceInfo = ring.get(alice.fingerprint()).map(e -> ring.info(e, NOW)).orElseThrow();
        assertThat(aliceInfo.userIds().get(0).certifications()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(PgpKeyInfo.Certification.Status.VERIFIED);
            assertThat(c.issuerUserId()).isEqualTo("Carol <carol@example.test>");
            assertThat(c.issuerTrust()).isEqualTo(KeyTrust.VERIFIED);
        });
    }

    @Test
    void damagedKeyDataIsReportedNotThrown() {
        byte[] armored = PgpKeys.armor(PgpTestKeys.alice().publicRing());
        byte[] binary = PgpKeys.encode(PgpTestKeys.alice().publicRing());
        KeyRing ring = new KeyRing();
        assertThat(ring.importKeys("hello".getBytes(StandardCharsets.US_ASCII), KeyTrust.VERIFIED).problems()).isNotEmpty();
        assertThat(ring.importKeys(Arrays.copyOf(binary, binary.length / 2), KeyTrust.VERIFIED).problems())
                .anyMatch(p -> p.contains("truncated"));
        byte[] badCrc = armored.clone();
        badCrc[100] ^= 0x04;
        assertThat(ring.importKeys(badCrc, KeyTrust.VERIFIED).imported()).isEmpty();
        assertThat(ring.entries()).isEmpty();
    }

    @Test
    void passphraseIsCheckedWhenASecretKeyIsOpened() {
        byte[] sec = PgpTestKeys.alice().armored();
        assertThat(PgpKeys.readSecret(sec, "alice-pw".toCharArray())).isInstanceOf(PgpKeys.SecretKeyResult.Loaded.class);
        assertThat(PgpKeys.readSecret(sec, "wrong".toCharArray())).isInstanceOf(PgpKeys.SecretKeyResult.WrongPassphrase.class);
        assertThat(PgpKeys.readSecret(PgpKeys.armor(PgpTestKeys.alice().publicRing()), null))
                .isInstanceOf(PgpKeys.SecretKeyResult.NotASecretKey.class);
        assertThat(PgpKeys.readSecret(PgpTestKeys.carol().armored(), null)).isInstanceOf(PgpKeys.SecretKeyResult.Loaded.class);
    }

    @Test
    void rfc4880KeyFromMimeKitIsReadWithItsSha1SelfSignatureFlagged() throws Exception {
        Path dir = Conformance.dir("mime").resolve("mimekit/openpgp");
        KeyRing ring = new KeyRing();
        var r = ring.importKeys(Files.readAllBytes(dir.resolve("mimekit.gpg.pub")), KeyTrust.VERIFIED);
        assertThat(r.imported()).hasSize(1);
        PgpKeyInfo info = ring.list(NOW).get(0);
        assertThat(info.fingerprint()).isEqualTo("44CD48EEC90D8849961F36BA50DCD107AB0821A2");
        assertThat(info.algorithm()).isEqualTo("RSA-2048");
        assertThat(info.primaryUserId()).isEqualTo("MimeKit UnitTests <mimekit@example.com>");
        assertThat(info.validity()).isEqualTo(PgpKeyInfo.Validity.VALID);
        assertThat(info.canEncrypt()).isTrue();
        assertThat(info.weakAlgorithms()).anyMatch(w -> w.contains("SHA-1"));
        var sec = PgpKeys.readSecret(Files.readAllBytes(dir.resolve("mimekit.gpg.sec")), "no.secret".toCharArray());
        assertThat(sec).isInstanceOf(PgpKeys.SecretKeyResult.Loaded.class);
    }
}
