package org.tegami.sasl;

import java.nio.charset.StandardCharsets;

/**
 * The LOGIN mechanism (draft-murchison-sasl-login): "Username:" then "Password:" challenges. Old
 * but still what many devices and Outlook send.
 */
final class LoginServer implements SaslServer {

    private static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);

    private final SaslBackend backend;
    private String user;

    LoginServer(SaslBackend backend) {
        this.backend = backend;
    }

    @Override
    public String mechanism() {
        return "LOGIN";
    }

    @Override
    public SaslStep start(byte[] initialResponse) {
        if (initialResponse == null || initialResponse.length == 0) {
            return new SaslStep.Challenge(USERNAME);
        }
        return next(initialResponse);
    }

    @Override
    public SaslStep next(byte[] response) {
        String s = new String(response, StandardCharsets.UTF_8);
        if (user == null) {
            if (s.isEmpty() || s.indexOf('\0') >= 0) {
                return new SaslStep.Failure(SaslStep.Reason.MALFORMED, null);
            }
            user = s;
            return new SaslStep.Challenge(PASSWORD);
        }
        if (s.isEmpty() || s.indexOf('\0') >= 0) {
            return new SaslStep.Failure(SaslStep.Reason.MALFORMED, user);
        }
        return PasswordCheck.check(backend, "", user, s);
    }
}
