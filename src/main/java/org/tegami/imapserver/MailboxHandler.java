package org.tegami.imapserver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tegami.imap.AuthenticatedCommand;
import org.tegami.imap.Response;
import org.tegami.imap.ResponseCode;
import org.tegami.store.MailStore;
import org.tegami.store.Mailbox;
import org.tegami.store.StoreException;

/**
 * CREATE (RFC 9051 §6.3.4, with USE of RFC 6154 §3), DELETE (§6.3.5), RENAME (§6.3.6, including
 * the INBOX rule) and SUBSCRIBE/UNSUBSCRIBE (§6.3.7, §6.3.8). The hierarchy delimiter is "/";
 * missing parents are created (§6.3.4 SHOULD).
 */
final class MailboxHandler {

    /** Special-use attributes a mailbox may be created with (RFC 6154 §2); \All and \Flagged are virtual. */
    private static final Set<String> USES = Set.of("\\Archive", "\\Drafts", "\\Junk", "\\Sent", "\\Trash");

    private MailboxHandler() {}

    static Response.Status create(ImapSession s, AuthenticatedCommand.Create c) {
        String name = MailboxNames.validateNew(s.storedName(c.mailbox()));
        if (MailboxNames.isInbox(name)) {
            throw ImapFailure.no(ResponseCode.ALREADYEXISTS, "INBOX always exists");
        }
        String use = specialUse(c.specialUse());
        MailStore store = s.ctx.store();
        if (store.mailbox(s.accountId(), name).isPresent()) {
            throw ImapFailure.no(ResponseCode.ALREADYEXISTS, "Mailbox already exists");
        }
        for (String parent : MailboxNames.parents(name)) {
            if (store.mailbox(s.accountId(), parent).isEmpty()) {
                try {
                    store.createUnsubscribed(s.accountId(), parent, null);
                } catch (StoreException e) {
                    if (e.kind() != StoreException.Kind.ALREADY_EXISTS) {
                        throw e; // another session created it meanwhile: fine
                    }
                }
            }
        }
        store.createUnsubscribed(s.accountId(), name, use);
        return Response.Status.ok(c.tag(), "CREATE completed");
    }

    private static String specialUse(List<String> uses) {
        if (uses.isEmpty()) {
            return null;
        }
        if (uses.size() > 1) {
            throw ImapFailure.no(ResponseCode.USEATTR, "Only one special use per mailbox");
        }
        for (String u : USES) {
            if (u.equalsIgnoreCase(uses.get(0))) {
                return u;
            }
        }
        throw ImapFailure.no(ResponseCode.USEATTR, "Special use " + uses.get(0) + " is not supported");
    }

    static Response.Status delete(ImapSession s, AuthenticatedCommand.Delete c) {
        String name = s.storedName(c.mailbox());
        if (MailboxNames.isInbox(name)) {
            throw ImapFailure.no(ResponseCode.CANNOT, "INBOX cannot be deleted"); // RFC 9051 §6.3.5
        }
        Mailbox mb = s.ctx.store().mailbox(s.accountId(), name)
                .orElseThrow(() -> ImapFailure.no(ResponseCode.NONEXISTENT, "Mailbox does not exist"));
        if (s.selected != null && s.selected.id == mb.id()) {
            s.deselect();
        }
        s.ctx.store().deleteMailbox(mb.id());
        s.ctx.recent().forget(mb.id());
        s.ctx.feed().forget(mb.id());
        return Response.Status.ok(c.tag(), "DELETE completed");
    }

    static Response.Status rename(ImapSession s, AuthenticatedCommand.Rename c) {
        String from = s.storedName(c.from());
        String to = MailboxNames.validateNew(s.storedName(c.to()));
        MailStore store = s.ctx.store();
        Mailbox source = store.mailbox(s.accountId(), from)
                .orElseThrow(() -> ImapFailure.no(ResponseCode.NONEXISTENT, "Mailbox does not exist"));
        if (MailboxNames.isInbox(to) || store.mailbox(s.accountId(), to).isPresent()) {
            throw ImapFailure.no(ResponseCode.ALREADYEXISTS, "Target mailbox already exists");
        }
        if (MailboxNames.isDescendant(to, from)) {
            throw ImapFailure.no(ResponseCode.CANNOT, "Cannot move a mailbox into itself");
        }
        createParents(s, to);
        if (MailboxNames.isInbox(from)) {
            // RFC 9051 §6.3.6: INBOX's messages move to the new mailbox; INBOX stays, its children too.
            store.moveAllTo(source.id(), to);
            return Response.Status.ok(c.tag(), "RENAME completed");
        }
        Map<String, String> renames = new LinkedHashMap<>();
        renames.put(from, to);
        for (Mailbox m : store.mailboxes(s.accountId())) {
            if (MailboxNames.isDescendant(m.name(), from)) {
                renames.put(m.name(), to + m.name().substring(from.length()));
            }
        }
        store.renameMailboxes(s.accountId(), renames);
        return Response.Status.ok(c.tag(), "RENAME completed");
    }

    private static void createParents(ImapSession s, String name) {
        for (String parent : MailboxNames.parents(name)) {
            if (s.ctx.store().mailbox(s.accountId(), parent).isEmpty()) {
                try {
                    s.ctx.store().createUnsubscribed(s.accountId(), parent, null);
                } catch (StoreException e) {
                    if (e.kind() != StoreException.Kind.ALREADY_EXISTS) {
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * SUBSCRIBE/UNSUBSCRIBE: subscriptions are names; SUBSCRIBE checks the mailbox exists (RFC 9051
     * §6.3.7 MAY), UNSUBSCRIBE works for any subscribed name (it may have been deleted).
     */
    static Response.Status subscribe(ImapSession s, String tag, String wire, boolean on) {
        String name = s.storedName(wire);
        if (on && s.ctx.store().mailbox(s.accountId(), name).isEmpty()) {
            throw ImapFailure.no(ResponseCode.NONEXISTENT, "Mailbox does not exist");
        }
        if (!on && !s.ctx.store().subscriptions(s.accountId()).contains(name)) {
            throw ImapFailure.no(ResponseCode.NONEXISTENT, "Not subscribed");
        }
        s.ctx.store().setSubscribed(s.accountId(), name, on);
        return Response.Status.ok(tag, on ? "SUBSCRIBE completed" : "UNSUBSCRIBE completed");
    }
}
