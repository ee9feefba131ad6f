package org.tegami.imapserver;

import java.util.ArrayList;
import java.util.List;
import org.tegami.imap.AuthenticatedCommand;
import org.tegami.imap.Response;
import org.tegami.imap.ResponseCode;

/**
 * ENABLE (RFC 5161, RFC 9051 §6.3.1): IMAP4rev2 (UTF-8 names and strings, ESEARCH, no \Recent),
 * CONDSTORE and QRESYNC (RFC 7162 §3.1, §3.2; QRESYNC implies CONDSTORE). Unknown capabilities
 * are ignored; the ENABLED response lists only what this command newly enabled.
 */
final class EnableHandler {

    private EnableHandler() {}

    static Response.Status enable(ImapSession s, AuthenticatedCommand.Enable c) {
        List<String> enabled = new ArrayList<>();
        for (String cap : c.capabilities()) {
            switch (cap) {
                case "IMAP4REV2" -> {
                    if (!s.rev2) {
                        s.rev2 = true;
                        s.out.utf8(true);
                        enabled.add("IMAP4rev2");
                    }
                }
                case "QRESYNC" -> {
                    if (!s.qresync) {
                        s.qresync = true;
                        enabled.add("QRESYNC");
                    }
                    enableCondstore(s, enabled);
                }
                case "CONDSTORE" -> enableCondstore(s, enabled);
                default -> { } // RFC 5161 §3.1: not an error
            }
        }
        s.send(new Response.Enabled(enabled));
        return Response.Status.ok(c.tag(), "Enabled");
    }

    private static void enableCondstore(ImapSession s, List<String> enabled) {
        if (!s.condstore) {
            enabled.add("CONDSTORE");
            condstoreNow(s);
        }
    }

    /**
     * A CONDSTORE-enabling command (RFC 7162 §3.1): from now on FETCH includes MODSEQ; with a
     * mailbox selected, the client learns its HIGHESTMODSEQ at once (§3.1.2.1).
     */
    static void condstoreNow(ImapSession s) {
        if (s.condstore) {
            return;
        }
        s.condstore = true;
        if (s.selected != null) {
            s.send(new Response.Status(null, Response.Kind.OK,
                    new ResponseCode.HighestModSeq(s.selected.highestModSeq()), "Highest"));
        }
    }
}
