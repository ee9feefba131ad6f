package org.tegami.imap;

import java.util.Base64;

/** Commands of the not-authenticated state (RFC 9051 §6.2). */
public sealed interface NotAuthenticatedCommand extends Command {

    /** RFC 9051 §6.2.1. */
    record StartTls(String tag) implements NotAuthenticatedCommand {
        public String name() {
            return "STARTTLS";
        }
    }

    /**
     * RFC 9051 §6.2.2, with the SASL-IR initial response (RFC 4959 §3).
     *
     * @param mechanism SASL mechanism name, upper case
     * @param initialResponse the base64 initial response as sent, "=" for an empty one, or null
     */
    record Authenticate(String tag, String mechanism, String initialResponse) implements NotAuthenticatedCommand {
        public String name() {
            return "AUTHENTICATE";
        }

        /** The decoded initial response (empty for "="), or null if none was sent. */
        public byte[] initialResponseBytes() {
            if (initialResponse == null) {
                return null;
            }
            return initialResponse.equals("=") ? new byte[0] : Base64.getDecoder().decode(initialResponse);
        }

        @Override
        public String toString() {
            return "Authenticate[tag=" + tag + ", mechanism=" + mechanism
                    + (initialResponse == null ? "" : ", initialResponse=<redacted>") + "]";
        }
    }

    /** RFC 9051 §6.2.3. The password never appears in {@link #toString()}. */
    record Login(String tag, String user, String password) implements NotAuthenticatedCommand {
        public String name() {
            return "LOGIN";
        }

        @Override
        public String toString() {
            return "Login[tag=" + tag + ", user=" + user + ", password=<redacted>]";
        }
    }
}
