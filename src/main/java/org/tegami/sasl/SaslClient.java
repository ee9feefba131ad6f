package org.tegami.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Client side of the SASL mechanisms (for the SMTP client's AUTH to a smarthost, RFC 4954 §4):
 * PLAIN (RFC 4616), LOGIN, SCRAM-SHA-256 (RFC 5802, RFC 7677, with the server signature verified).
 * One instance per exchange.
 */
public abstract sealed class SaslClient permits SaslClient.Plain, SaslClient.Login, SaslClient.Scram {

    /** The server's challenge or final message did not make sense, or it failed to prove itself. */
    public static final class SaslClientException extends Exception {
        public SaslClientException(String message) {
            super(message);
        }
    }

    /** Mechanism preference: strongest first. */
    private static final List<String> PREFERENCE = List.of("SCRAM-SHA-256", "PLAIN", "LOGIN");

    public abstract String mechanism();

    /** The initial response to send with AUTH, or null if the mechanism starts with a challenge. */
    public abstract byte[] initialResponse();

    /** The response to a server challenge. */
    public abstract byte[] evaluate(byte[] challenge) throws SaslClientException;

    /** After success (235): true when the server proved itself, or the mechanism cannot. */
    public boolean serverVerified() {
        return true;
    }

    /** The best mechanism both sides know, or null. */
    public static SaslClient choose(List<String> offered, String user, String password, SecureRandom random) {
        for (String m : PREFERENCE) {
            if (offered.stream().anyMatch(o -> o.equalsIgnoreCase(m))) {
                return switch (m) {
                    case "SCRAM-SHA-256" -> new Scram(user, password, random);
                    case "PLAIN" -> new Plain(user, password);
                    default -> new Login(user, password);
                };
            }
        }
        return null;
    }

    static final class Plain extends SaslClient {
        private final String user;
        private final String password;

        Plain(String user, String password) {
            this.user = user;
            this.password = password;
        }

        @Override
        public String mechanism() {
            return "PLAIN";
        }

        @Override
        public byte[] initialResponse() {
            return ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] evaluate(byte[] challenge) throws SaslClientException {
            throw new SaslClientException("unexpected PLAIN challenge");
        }
    }

    static final class Login extends SaslClient {
        private final String user;
        private final String password;
        private int step;

        Login(String user, String password) {
            this.user = user;
            this.password = password;
        }

        @Override
        public String mechanism() {
            return "LOGIN";
        }

        @Override
        public byte[] initialResponse() {
            return null;
        }

        @Override
        public byte[] evaluate(byte[] challenge) throws SaslClientException {
            String c = new String(challenge, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            step++;
            if (step == 1 || c.startsWith("user")) {
                return user.getBytes(StandardCharsets.UTF_8);
            }
            if (step == 2 || c.startsWith("pass")) {
                return password.getBytes(StandardCharsets.UTF_8);
            }
            throw new SaslClientException("unexpected LOGIN challenge");
        }
    }

    /** RFC 5802 §3 without channel binding (gs2 "n"). */
    static final class Scram extends SaslClient {
        private final String user;
        private final String password;
        private final String clientNonce;
        private String clientFirstBare;
        private byte[] expectedServerSignature;
        private boolean verified;
        private int step;

        Scram(String user, String password, SecureRandom random) {
            this.user = user;
            this.password = password;
            byte[] n = new byte[18];
            random.nextBytes(n);
            this.clientNonce = Base64.getEncoder().encodeToString(n);
        }

        @Override
        public String mechanism() {
            return "SCRAM-SHA-256";
        }

        @Override
        public byte[] initialResponse() {
            clientFirstBare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
            return ("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] evaluate(byte[] challenge) throws SaslClientException {
            step++;
            String msg = new String(challenge, StandardCharsets.UTF_8);
            if (step == 1) {
                return clientFinal(msg);
            }
            if (step == 2 && msg.startsWith("v=")) {
                byte[] v;
                try {
                    v = Base64.getDecoder().decode(msg.substring(2));
                } catch (IllegalArgumentException e) {
                    throw new SaslClientException("bad SCRAM server signature");
                }
                if (!MessageDigest.isEqual(v, expectedServerSignature)) {
                    throw new SaslClientException("the server failed to prove it knows the SCRAM keys");
                }
                verified = true;
                return new byte[0];
            }
            throw new SaslClientException("unexpected SCRAM message");
        }

        private byte[] clientFinal(String serverFirst) throws SaslClientException {
            String nonce = null;
            String salt = null;
            int iterations = -1;
            for (String attr : serverFirst.split(",")) {
                if (attr.startsWith("r=")) {
                    nonce = attr.substring(2);
                } else if (attr.startsWith("s=")) {
                    salt = attr.substring(2);
                } else if (attr.startsWith("i=")) {
                    try {
                        iterations = Integer.parseInt(attr.substring(2));
                    } catch (NumberFormatException e) {
                        throw new SaslClientException("bad SCRAM iteration count");
                    }
                }
            }
            // RFC 5802 §5.1: the server nonce starts with ours; RFC 7677 §4: at least 4096 iterations.
            if (nonce == null || salt == null || !nonce.startsWith(clientNonce) || iterations < 4096
                    || iterations > 1_000_000) {
                throw new SaslClientException("bad SCRAM server-first message");
            }
            byte[] saltBytes;
            try {
                saltBytes = Base64.getDecoder().decode(salt);
            } catch (IllegalArgumentException e) {
                throw new SaslClientException("bad SCRAM salt");
            }
            byte[] salted = ScramKeys.saltedPassword(password, saltBytes, iterations);
            byte[] clientKey = ScramKeys.hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
            byte[] storedKey = ScramKeys.sha256(clientKey);
            byte[] serverKey = ScramKeys.hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
            String withoutProof = "c=" + Base64.getEncoder().encodeToString("n,,".getBytes(StandardCharsets.US_ASCII))
                    + ",r=" + nonce;
            byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
            byte[] signature = ScramKeys.hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            expectedServerSignature = ScramKeys.hmac(serverKey, authMessage);
            return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public boolean serverVerified() {
            return verified;
        }
    }
}
