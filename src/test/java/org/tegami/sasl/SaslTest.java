package org.tegami.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SaslTest {

    /** A backend with one user "user" whose password is "pencil" (RFC 7677's example). */
    static final class Backend implements SaslBackend {
        ScramKeys keys;
        int passwordChecks;

        @Override
        public Verdict checkPassword(String user, String password) {
            passwordChecks++;
            return user.equals("user") && password.equals("pencil") ? Verdict.OK : Verdict.BAD;
        }

        @Override
        public Optional<ScramKeys> scramKeys(String user) {
            return user.equals("user") ? Optional.of(keys) : Optional.empty();
        }

        @Override
        public Optional<CramMd5Secret> cramMd5Secret(String user) {
            return user.equals("user") ? Optional.of(CramMd5Secret.derive("pencil")) : Optional.empty();
        }

        @Override
        public boolean locked(String user) {
            return false;
        }
    }

    private final Backend backend = new Backend();
    private final Mechanisms mechanisms = new Mechanisms(true, "mx.test", new SecureRandom(), new byte[32]);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void scramKeysMatchRfc7677Example() {
        // RFC 7677 §3: salt W22ZaJ0SNY7soEsUEjb6gQ==, 4096 iterations, password "pencil".
        ScramKeys k = ScramKeys.derive("pencil", Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        String clientFirstBare = "n=user,r=rOprNGfwEbeRWgbNEkqO";
        String serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
        String clientFinalNoProof = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        byte[] authMessage = b(clientFirstBare + "," + serverFirst + "," + clientFinalNoProof);
        byte[] serverSignature = ScramKeys.hmac(k.serverKey(), authMessage);
        assertThat(Base64.getEncoder().encodeToString(serverSignature))
                .isEqualTo("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
        assertThat(ScramKeys.decode(k.encode()).storedKey()).isEqualTo(k.storedKey());
    }

    @Test
    void scramFullExchange() {
        backend.keys = ScramKeys.derive("pencil", new SecureRandom());
        SaslServer s = mechanisms.create("SCRAM-SHA-256", backend);
        String clientFirstBare = "n=user,r=abcdefghijkl";
        var first = (SaslStep.Challenge) s.start(b("n,," + clientFirstBare));
        String serverFirst = new String(first.data(), StandardCharsets.UTF_8);
        String nonce = serverFirst.split(",")[0].substring(2);
        assertThat(nonce).startsWith("abcdefghijkl");
        String withoutProof = "c=biws,r=" + nonce;
        byte[] salted = ScramKeys.saltedPassword("pencil", backend.keys.salt(), backend.keys.iterations());
        byte[] clientKey = ScramKeys.hmac(salted, b("Client Key"));
        byte[] sig = ScramKeys.hmac(ScramKeys.sha256(clientKey), b(clientFirstBare + "," + serverFirst + "," + withoutProof));
        byte[] proof = new byte[32];
        for (int i = 0; i < 32; i++) {
            proof[i] = (byte) (clientKey[i] ^ sig[i]);
        }
        var fin = s.next(b(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)));
        assertThat(fin).isInstanceOf(SaslStep.Challenge.class);
        assertThat(new String(((SaslStep.Challenge) fin).data(), StandardCharsets.UTF_8)).startsWith("v=");
        assertThat(s.next(new byte[0])).isEqualTo(new SaslStep.Success("user"));
    }

    @Test
    void scramWrongProofAndUnknownUserFailAlike() {
        backend.keys = ScramKeys.derive("pencil", new SecureRandom());
        for (String user : new String[] {"user", "nobody"}) {
            SaslServer s = mechanisms.create("SCRAM-SHA-256", backend);
            var first = (SaslStep.Challenge) s.start(b("n,,n=" + user + ",r=nonce123"));
            String nonce = new String(first.data(), StandardCharsets.UTF_8).split(",")[0].substring(2);
            var fin = s.next(b("c=biws,r=" + nonce + ",p=" + Base64.getEncoder().encodeToString(new byte[32])));
            assertThat(fin).isInstanceOf(SaslStep.Failure.class);
            assertThat(((SaslStep.Failure) fin).reason()).isEqualTo(SaslStep.Reason.BAD_CREDENTIALS);
        }
    }

    @Test
    void scramRejectsChannelBindingAndTamperedNonce() {
        backend.keys = ScramKeys.derive("pencil", new SecureRandom());
        assertThat(mechanisms.create("SCRAM-SHA-256", backend).start(b("p=tls-unique,,n=user,r=x")))
                .isInstanceOf(SaslStep.Failure.class);
        SaslServer s = mechanisms.create("SCRAM-SHA-256", backend);
        s.start(b("n,,n=user,r=nonce123"));
        assertThat(((SaslStep.Failure) s.next(b("c=biws,r=othernonce,p=AAAA"))).reason())
                .isEqualTo(SaslStep.Reason.MALFORMED);
    }

    @Test
    void plain() {
        assertThat(mechanisms.create("PLAIN", backend).start(b("\0user\0pencil"))).isEqualTo(new SaslStep.Success("user"));
        assertThat(mechanisms.create("PLAIN", backend).start(b("user\0user\0pencil"))).isEqualTo(new SaslStep.Success("user"));
        assertThat(((SaslStep.Failure) mechanisms.create("PLAIN", backend).start(b("admin\0user\0pencil"))).reason())
                .isEqualTo(SaslStep.Reason.NOT_AUTHORIZED);
        assertThat(((SaslStep.Failure) mechanisms.create("PLAIN", backend).start(b("\0user\0wrong"))).reason())
                .isEqualTo(SaslStep.Reason.BAD_CREDENTIALS);
        assertThat(((SaslStep.Failure) mechanisms.create("PLAIN", backend).start(b("garbage"))).reason())
                .isEqualTo(SaslStep.Reason.MALFORMED);
        SaslServer s = mechanisms.create("plain", backend);
        assertThat(s.start(null)).isInstanceOf(SaslStep.Challenge.class);
        assertThat(s.next(b("\0user\0pencil"))).isEqualTo(new SaslStep.Success("user"));
    }

    @Test
    void login() {
        SaslServer s = mechanisms.create("LOGIN", backend);
        assertThat(new String(((SaslStep.Challenge) s.start(null)).data(), StandardCharsets.US_ASCII)).isEqualTo("Username:");
        assertThat(new String(((SaslStep.Challenge) s.next(b("user"))).data(), StandardCharsets.US_ASCII)).isEqualTo("Password:");
        assertThat(s.next(b("pencil"))).isEqualTo(new SaslStep.Success("user"));
    }

    @Test
    void cramMd5MatchesHmacMd5() throws Exception {
        SaslServer s = mechanisms.create("CRAM-MD5", backend);
        byte[] challenge = ((SaslStep.Challenge) s.start(null)).data();
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(b("pencil"), "HmacMD5"));
        String digest = HexFormat.of().formatHex(mac.doFinal(challenge));
        assertThat(s.next(b("user " + digest))).isEqualTo(new SaslStep.Success("user"));
        SaslServer s2 = mechanisms.create("CRAM-MD5", backend);
        s2.start(null);
        assertThat(s2.next(b("user " + digest))).isInstanceOf(SaslStep.Failure.class); // other challenge
    }

    @Test
    void cramMd5OffUnlessEnabled() {
        Mechanisms off = new Mechanisms(false, "mx.test", new SecureRandom(), new byte[32]);
        assertThat(off.create("CRAM-MD5", backend)).isNull();
        assertThat(off.names()).containsExactly("SCRAM-SHA-256", "PLAIN", "LOGIN");
    }
}
