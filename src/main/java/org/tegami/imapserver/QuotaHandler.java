package org.tegami.imapserver;

import java.util.List;
import org.tegami.imap.AuthenticatedCommand;
import org.tegami.imap.Response;
import org.tegami.imap.ResponseCode;
import org.tegami.store.Account;

/**
 * QUOTA (RFC 9208) over the per-account storage limit set with "tegami user quota": one quota
 * root, "", covering every mailbox of the account, with the STORAGE resource in units of 1024
 * octets (§5.1). An account without a limit has no quota root. SETQUOTA is for administrators.
 */
final class QuotaHandler {

    /** The account's quota root (RFC 9208 §3). */
    static final String ROOT = "";

    private QuotaHandler() {}

    static Response.Status getQuotaRoot(ImapSession s, AuthenticatedCommand.GetQuotaRoot c) {
        String name = s.storedName(c.mailbox());
        if (s.ctx.store().mailbox(s.accountId(), name).isEmpty()) {
            throw ImapFailure.no(ResponseCode.NONEXISTENT, "Mailbox does not exist");
        }
        Account a = account(s);
        if (a.quotaBytes() <= 0) {
            s.send(new Response.QuotaRoot(c.mailbox(), List.of()));
        } else {
            s.send(new Response.QuotaRoot(c.mailbox(), List.of(ROOT)));
            s.send(quota(s, a));
        }
        return Response.Status.ok(c.tag(), "GETQUOTAROOT completed");
    }

    static Response.Status getQuota(ImapSession s, AuthenticatedCommand.GetQuota c) {
        Account a = account(s);
        if (!c.root().equals(ROOT) || a.quotaBytes() <= 0) {
            throw ImapFailure.no(ResponseCode.NONEXISTENT, "No such quota root");
        }
        s.send(quota(s, a));
        return Response.Status.ok(c.tag(), "GETQUOTA completed");
    }

    static Response.Status setQuota(ImapSession s, AuthenticatedCommand.SetQuota c) {
        throw ImapFailure.no(ResponseCode.NOPERM, "Quotas are set by the administrator (tegami user quota)");
    }

    /** The account as stored now: an administrator may have changed the quota since login. */
    static Account account(ImapSession s) {
        return s.ctx.directory().store().accountById(s.accountId()).orElse(s.account);
    }

    private static Response.Quota quota(ImapSession s, Account a) {
        long used = s.ctx.store().usage(a.id());
        return new Response.Quota(ROOT, List.of(new Response.QuotaResource("STORAGE",
                (used + 1023) / 1024, a.quotaBytes() / 1024)));
    }
}
