package org.tegami.sasl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/** RFC 2195 CRAM-MD5: challenge "<random.time@host>", response "user hex(HMAC-MD5)". */
final class CramMd5Server implements SaslServer {

    private final SaslBackend backend;
    private final byte[] challenge;
    private boolean done;

    CramMd5Server(SaslBackend backend, SecureRandom random, String hostname) {
        this.backend = backend;
        this.challenge = ("<" + Long.toUnsignedString(random.nextLong()) + "." + System.currentTimeMillis() + "@"
                + hostname + ">").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String mechanism() {
        return "CRAM-MD5";
    }

    @Override
    public SaslStep start(byte[] initialResponse) {
        if (initialResponse != null && initialResponse.length > 0) {
            done = true; // CRAM-MD5 is server-first: an initial response is a protocol error
            return new SaslStep.Failure(SaslStep.Reason.MALFORMED, null);
        }
        return new SaslStep.Challenge(challenge);
    }

    @Override
    public SaslStep next(byte[] response) {
        if (done) {
            return new SaslStep.Failure(SaslStep.Reason.MALFORMED, null);
        }
        done = true;
        String s = new String(response, StandardCharsets.UTF_8);
        int sp = s.lastIndexOf(' ');
        if (sp <= 0 || s.length() - sp - 1 != 32) {
            return new SaslStep.Failure(SaslStep.Reason.MALFORMED, null);
        }
        String user = s.substring(0, sp);
        byte[] digest;
        try {
            digest = HexFormat.of().parseHex(s.substring(sp + 1).toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return new SaslStep.Failure(SaslStep.Reason.MALFORMED, user);
        }
        if (backend.locked(user)) {
            return new SaslStep.Failure(SaslStep.Reason.LOCKED, user);
        }
        Optional<CramMd5Secret> secret = backend.cramMd5Secret(user);
        // Unknown user or no CRAM secret: compare against a dummy so timing does not tell.
        byte[] expected = secret.map(x -> x.hmac(challenge)).orElse(new byte[16]);
        boolean ok = MessageDigest.isEqual(expected, digest) && secret.isPresent();
        return ok ? new SaslStep.Success(user) : new SaslStep.Failure(SaslStep.Reason.BAD_CREDENTIALS, user);
    }
}
