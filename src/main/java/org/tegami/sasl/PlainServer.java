package org.tegami.sasl;

import java.nio.charset.StandardCharsets;

/** RFC 4616 PLAIN: one message "authzid NUL authcid NUL password". */
final class PlainServer implements SaslServer {

    private final SaslBackend backend;

    PlainServer(SaslBackend backend) {
        this.backend = backend;
    }

    @Override
    public String mechanism() {
        return "PLAIN";
    }

    @Override
    public SaslStep start(byte[] initialResponse) {
        if (initialResponse == null) {
            return new SaslStep.Challenge(new byte[0]);
        }
        return next(initialResponse);
    }

    @Override
    public SaslStep next(byte[] response) {
        String s = new String(response, StandardCharsets.UTF_8);
        int a = s.indexOf('\0');
        int b = a < 0 ? -1 : s.indexOf('\0', a + 1);
        if (a < 0 || b < 0 || s.indexOf('\0', b + 1) >= 0) {
            return new SaslStep.Failure(SaslStep.Reason.MALFORMED, null);
        }
        String authzid = s.substring(0, a);
        String user = s.substring(a + 1, b);
        String password = s.substring(b + 1);
        if (user.isEmpty() || password.isEmpty()) {
            return new SaslStep.Failure(SaslStep.Reason.MALFORMED, user.isEmpty() ? null : user);
        }
        return PasswordCheck.check(backend, authzid, user, password);
    }
}
