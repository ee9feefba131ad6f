package org.tegami.imapserver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tegami.imap.AuthenticatedCommand;
import org.tegami.imap.Response;
import org.tegami.imap.ResponseCode;
import org.tegami.imap.StatusItem;
import org.tegami.store.Mailbox;
import org.tegami.store.MailboxStatus;

/**
 * STATUS (RFC 9051 §6.3.11) with SIZE (RFC 8438), DELETED, RECENT (RFC 3501), HIGHESTMODSEQ (RFC
 * 7162 §3.1.6) and APPENDLIMIT (RFC 7889); also used for LIST RETURN (STATUS) (RFC 5819).
 */
final class StatusHandler {

    private StatusHandler() {}

    static Response.Status status(ImapSession s, AuthenticatedCommand.Status c) {
        String name = s.storedName(c.mailbox());
        Mailbox mb = s.ctx.store().mailbox(s.accountId(), name)
                .orElseThrow(() -> ImapFailure.no(ResponseCode.NONEXISTENT, "Mailbox does not exist"));
        if (c.items().contains(StatusItem.HIGHESTMODSEQ)) {
            EnableHandler.condstoreNow(s); // a CONDSTORE-enabling command (RFC 7162 §3.1)
        }
        send(s, mb, c.mailbox(), c.items());
        return Response.Status.ok(c.tag(), "STATUS completed");
    }

    /** "* STATUS name (...)" with the items asked for, in their order. */
    static void send(ImapSession s, Mailbox mb, String wireName, List<StatusItem> items) {
        MailboxStatus st = needsCounts(items) ? s.ctx.store().status(mb.id()) : null;
        Mailbox fresh = st != null ? st.mailbox() : s.ctx.store().mailboxById(mb.id()).orElse(mb);
        Map<StatusItem, Long> values = new LinkedHashMap<>();
        for (StatusItem item : items) {
            values.put(item, switch (item) {
                case MESSAGES -> st.messages();
                case UNSEEN -> st.unseen();
                case DELETED -> st.deleted();
                case SIZE -> st.size();
                case UIDNEXT -> fresh.uidNext();
                case UIDVALIDITY -> fresh.uidValidity();
                case HIGHESTMODSEQ -> fresh.highestModSeq();
                case APPENDLIMIT -> s.ctx.config().appendLimit();
                case RECENT -> recent(s, fresh);
            });
        }
        s.send(new Response.MailboxStatus(wireName, values));
    }

    private static boolean needsCounts(List<StatusItem> items) {
        for (StatusItem i : items) {
            if (i == StatusItem.MESSAGES || i == StatusItem.UNSEEN || i == StatusItem.DELETED || i == StatusItem.SIZE) {
                return true;
            }
        }
        return false;
    }

    /** Messages no session has been told about yet (RFC 3501 §6.3.10 RECENT). */
    private static long recent(ImapSession s, Mailbox mb) {
        long first = s.ctx.recent().firstUnclaimed(mb.id(), s.ctx.store().firstRecentUid(mb.id()));
        return first >= mb.uidNext() ? 0 : s.ctx.store().countFrom(mb.id(), first);
    }
}
