package org.tegami.sasl;

import java.util.Locale;

/** Shared end of PLAIN and LOGIN: authorisation identity rule, then the password check. */
final class PasswordCheck {

    private PasswordCheck() {}

    static SaslStep check(SaslBackend backend, String authzid, String user, String password) {
        if (!authzid.isEmpty() && !authzid.toLowerCase(Locale.ROOT).equals(user.toLowerCase(Locale.ROOT))) {
            return new SaslStep.Failure(SaslStep.Reason.NOT_AUTHORIZED, user);
        }
        return switch (backend.checkPassword(user, password)) {
            case OK -> new SaslStep.Success(user);
            case LOCKED -> new SaslStep.Failure(SaslStep.Reason.LOCKED, user);
            case BAD -> new SaslStep.Failure(SaslStep.Reason.BAD_CREDENTIALS, user);
        };
    }
}
