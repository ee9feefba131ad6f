package org.tegami.imapserver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tegami.imap.AnyStateCommand;
import org.tegami.imap.AuthenticatedCommand;
import org.tegami.imap.Response;

/** CAPABILITY, NOOP, CHECK, LOGOUT (RFC 9051 §6.1), ID (RFC 2971), NAMESPACE (RFC 9051 §6.3.10). */
final class InfoHandler {

    private InfoHandler() {}

    static Response.Status capability(ImapSession s, AnyStateCommand.Capability c) {
        s.send(new Response.Capability(s.capabilities()));
        return Response.Status.ok(c.tag(), "Capability completed");
    }

    /** NOOP (§6.1.2) and CHECK (RFC 3501 §6.4.1): a chance to report changes, nothing else. */
    static Response.Status noop(ImapSession s, String tag) {
        if (s.selected != null) {
            s.updates(true, true);
        }
        return Response.Status.ok(tag, "NOOP completed");
    }

    static Response.Status logout(ImapSession s, AnyStateCommand.Logout c) {
        s.send(Response.Status.bye("Logging out"));
        s.send(Response.Status.ok(c.tag(), "Logout completed"));
        s.deselect();
        s.state = ImapState.LOGOUT;
        return null;
    }

    /** RFC 2971 §3.2: the server's own identification; the client's is not needed. */
    static Response.Status id(ImapSession s, AnyStateCommand.Id c) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "Tegami");
        String v = InfoHandler.class.getPackage().getImplementationVersion();
        fields.put("version", v == null ? "dev" : v);
        s.send(new Response.Id(fields));
        return Response.Status.ok(c.tag(), "ID completed");
    }

    /** One personal namespace, "" with "/" (RFC 9051 §6.3.10); no other users' or shared ones. */
    static Response.Status namespace(ImapSession s, AuthenticatedCommand.Namespace c) {
        s.send(new Response.Namespace(List.of(new Response.NamespaceDescriptor("", MailboxNames.DELIMITER_BOXED)),
                List.of(), List.of()));
        return Response.Status.ok(c.tag(), "Namespace completed");
    }
}
