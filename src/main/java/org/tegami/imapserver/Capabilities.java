package org.tegami.imapserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the server advertises (RFC 9051 §7.2.2), which depends on the connection: STARTTLS and
 * LOGINDISABLED before TLS, AUTH= mechanisms before authentication (PLAIN and LOGIN only over TLS
 * unless [auth] allow_plaintext), the extensions once authenticated.
 */
final class Capabilities {

    /** Extensions of the authenticated states, with the RFC of each. */
    private static final List<String> EXTENSIONS = List.of(
            "NAMESPACE", // RFC 2342
            "UNSELECT", // RFC 3691
            "UIDPLUS", // RFC 4315
            "MOVE", // RFC 6851
            "CHILDREN", // RFC 3348
            "LIST-EXTENDED", // RFC 5258
            "LIST-STATUS", // RFC 5819
            "SPECIAL-USE", // RFC 6154
            "CREATE-SPECIAL-USE", // RFC 6154 §3
            "ESEARCH", // RFC 4731
            "SEARCHRES", // RFC 5182
            "SORT", // RFC 5256
            "SORT=DISPLAY", // RFC 5957
            "ESORT", // RFC 5267 §3
            "THREAD=ORDEREDSUBJECT", // RFC 5256
            "THREAD=REFERENCES", // RFC 5256
            "CONDSTORE", // RFC 7162
            "QRESYNC", // RFC 7162
            "QUOTA", // RFC 9208
            "QUOTA=RES-STORAGE", // RFC 9208 §5.1
            "BINARY", // RFC 3516
            "MULTIAPPEND", // RFC 3502
            "STATUS=SIZE"); // RFC 8438

    /** Capabilities the client may ENABLE (RFC 5161). */
    static final Set<String> ENABLEABLE = Set.of("CONDSTORE", "QRESYNC", "IMAP4REV2");

    private Capabilities() {}

    static List<String> of(ImapSession s) {
        List<String> out = new ArrayList<>(List.of("IMAP4rev1", "IMAP4rev2", "LITERAL+", "ID", "ENABLE", "IDLE"));
        if (s.state == ImapState.NOT_AUTHENTICATED) {
            out.add("SASL-IR"); // RFC 4959
            if (!s.conn.isTls() && s.ctx.tls() != null) {
                out.add("STARTTLS");
            }
            boolean plaintextOk = s.conn.isTls() || s.ctx.auth().allowPlaintext();
            if (!plaintextOk) {
                out.add("LOGINDISABLED"); // RFC 9051 §6.2.3
            }
            for (String m : s.ctx.mechanisms().names()) {
                if (plaintextOk || !AuthHandler.isPlaintext(m)) {
                    out.add("AUTH=" + m);
                }
            }
            return out;
        }
        out.addAll(EXTENSIONS);
        out.add("APPENDLIMIT=" + s.ctx.config().appendLimit()); // RFC 7889
        return out;
    }
}
