package org.tegami.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * SCRAM-SHA-256 server (RFC 5802 §5, RFC 7677), without channel binding (we do not offer -PLUS,
 * so gs2 flags "n" and "y" are accepted and "p" is refused). For an unknown user the exchange goes
 * on with a salt derived from a server secret and fails at the proof, so nobody learns which users
 * exist.
 */
final class ScramSha256Server implements SaslServer {

    private enum State { FIRST, FINAL, VERIFIED, DONE }

    private final SaslBackend backend;
    private final SecureRandom random;
    private final byte[] serverSecret;
    private State state = State.FIRST;
    private String user;
    private ScramKeys keys; // null: unknown user, a decoy exchange
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;

    ScramSha256Server(SaslBackend backend, SecureRandom random, byte[] serverSecret) {
        this.backend = backend;
        this.random = random;
        this.serverSecret = serverSecret;
    }

    @Override
    public String mechanism() {
        return "SCRAM-SHA-256";
    }

    @Override
    public SaslStep start(byte[] initialResponse) {
        if (initialResponse == null || initialResponse.length == 0) {
            return new SaslStep.Challenge(new byte[0]);
        }
        return next(initialResponse);
    }

    @Override
    public SaslStep next(byte[] response) {
        String msg = new String(response, StandardCharsets.UTF_8);
        return switch (state) {
            case FIRST -> clientFirst(msg);
            case FINAL -> clientFinal(msg);
            case VERIFIED -> {
                // RFC 5802 §5: after the server-final message the client sends an empty response.
                state = State.DONE;
                yield msg.isEmpty() ? new SaslStep.Success(user) : new SaslStep.Failure(SaslStep.Reason.MALFORMED, user);
            }
            case DONE -> new SaslStep.Failure(SaslStep.Reason.MALFORMED, user);
        };
    }

    private SaslStep clientFirst(String msg) {
        // gs2-header: ("n" / "y" / "p=" cb-name) "," [ "a=" authzid ] ","
        int c1 = msg.indexOf(',');
        int c2 = c1 < 0 ? -1 : msg.indexOf(',', c1 + 1);
        if (c1 < 0 || c2 < 0) {
            return fail(SaslStep.Reason.MALFORMED);
        }
        String flag = msg.substring(0, c1);
        if (!flag.equals("n") && !flag.equals("y")) {
            return fail(SaslStep.Reason.MALFORMED); // "p=": channel binding not offered
        }
        String authzid = msg.substring(c1 + 1, c2);
        gs2Header = msg.substring(0, c2 + 1);
        clientFirstBare = msg.substring(c2 + 1);
        String[] attrs = clientFirstBare.split(",", -1);
        if (attrs.length < 2 || !attrs[0].startsWith("n=") || !attrs[1].startsWith("r=") || attrs[1].length() < 3) {
            return fail(SaslStep.Reason.MALFORMED);
        }
        user = decodeName(attrs[0].substring(2));
        if (user == null || user.isEmpty()) {
            return fail(SaslStep.Reason.MALFORMED);
        }
        if (!authzid.isEmpty()) {
            String az = authzid.startsWith("a=") ? decodeName(authzid.substring(2)) : null;
            if (az == null || !az.equalsIgnoreCase(user)) {
                return fail(SaslStep.Reason.NOT_AUTHORIZED);
            }
        }
        if (backend.locked(user)) {
            return fail(SaslStep.Reason.LOCKED);
        }
        Optional<ScramKeys> stored = backend.scramKeys(user);
        keys = stored.orElse(null);
        byte[] salt = keys != null ? keys.salt() : Arrays.copyOf(ScramKeys.hmac(serverSecret, user.getBytes(StandardCharsets.UTF_8)), 16);
        int iterations = keys != null ? keys.iterations() : ScramKeys.DEFAULT_ITERATIONS;
        byte[] serverNonce = new byte[18];
        random.nextBytes(serverNonce);
        nonce = attrs[1].substring(2) + Base64.getEncoder().encodeToString(serverNonce);
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
        state = State.FINAL;
        return new SaslStep.Challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
    }

    private SaslStep clientFinal(String msg) {
        state = State.DONE;
        int p = msg.lastIndexOf(",p=");
        if (p < 0) {
            return fail(SaslStep.Reason.MALFORMED);
        }
        String withoutProof = msg.substring(0, p);
        String[] attrs = withoutProof.split(",", -1);
        if (attrs.length < 2 || !attrs[0].startsWith("c=") || !attrs[1].startsWith("r=")) {
            return fail(SaslStep.Reason.MALFORMED);
        }
        byte[] proof;
        byte[] cbind;
        try {
            cbind = Base64.getDecoder().decode(attrs[0].substring(2));
            proof = Base64.getDecoder().decode(msg.substring(p + 3));
        } catch (IllegalArgumentException e) {
            return fail(SaslStep.Reason.MALFORMED);
        }
        if (!MessageDigest.isEqual(cbind, gs2Header.getBytes(StandardCharsets.UTF_8))
                || !MessageDigest.isEqual(attrs[1].substring(2).getBytes(StandardCharsets.UTF_8),
                        nonce.getBytes(StandardCharsets.UTF_8))) {
            return fail(SaslStep.Reason.MALFORMED);
        }
        if (keys == null || proof.length != 32) {
            return fail(SaslStep.Reason.BAD_CREDENTIALS);
        }
        byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof).getBytes(StandardCharsets.UTF_8);
        byte[] clientSignature = ScramKeys.hmac(keys.storedKey(), authMessage);
        byte[] clientKey = new byte[32];
        for (int i = 0; i < 32; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(ScramKeys.sha256(clientKey), keys.storedKey())) {
            return fail(SaslStep.Reason.BAD_CREDENTIALS);
        }
        byte[] serverSignature = ScramKeys.hmac(keys.serverKey(), authMessage);
        state = State.VERIFIED;
        return new SaslStep.Challenge(("v=" + Base64.getEncoder().encodeToString(serverSignature)).getBytes(StandardCharsets.UTF_8));
    }

    private SaslStep fail(SaslStep.Reason reason) {
        state = State.DONE;
        return new SaslStep.Failure(reason, user);
    }

    /** RFC 5802 §5.1 saslname: "=2C" is ',' and "=3D" is '='; any other '=' is invalid. */
    private static String decodeName(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=') {
                if (s.startsWith("=2C", i)) {
                    sb.append(',');
                } else if (s.startsWith("=3D", i)) {
                    sb.append('=');
                } else {
                    return null;
                }
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
