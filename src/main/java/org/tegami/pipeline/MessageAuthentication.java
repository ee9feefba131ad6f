package org.tegami.pipeline;

import java.util.List;
import org.tegami.dkim.DkimResult;
import org.tegami.dmarc.DmarcResult;
import org.tegami.spf.SpfResult;

/**
 * What the authentication stages found out about one message, for later stages (threat analysis
 * reads it with {@code message.get(MessageAuthentication.class)}). Recorded for every message the
 * checks ran on; absent when checks are off ([mail_auth] verify = false).
 *
 * @param spf SPF for the MAIL FROM identity (RFC 7208 §2.4; for a null sender that is
 *     postmaster@HELO), or null when not checked
 * @param helo SPF for the HELO identity (RFC 7208 §2.3), or null when not checked
 * @param dkim one result per DKIM-Signature field, in header order; empty when unsigned or not checked
 * @param dmarc the DMARC verdict (after the local override list), or null when not checked
 * @param authenticatedUser the SMTP AUTH account for mail from our own users (submission), who are
 *     not SPF/DKIM/DMARC-checked; null for mail from the outside
 */
public record MessageAuthentication(SpfResult spf, SpfResult helo, List<DkimResult> dkim, DmarcResult dmarc,
        String authenticatedUser) {

    public MessageAuthentication {
        dkim = List.copyOf(dkim);
    }

    /** Mail from an authenticated local user: trusted as theirs (RFC 8601 §2.7.4 auth=pass). */
    public static MessageAuthentication submitted(String user) {
        return new MessageAuthentication(null, null, List.of(), null, user);
    }

    /** The SPF results of an inbound message, before DKIM and DMARC. */
    public static MessageAuthentication spf(SpfResult mailFrom, SpfResult helo) {
        return new MessageAuthentication(mailFrom, helo, List.of(), null, null);
    }

    public MessageAuthentication withDkim(List<DkimResult> results) {
        return new MessageAuthentication(spf, helo, results, dmarc, authenticatedUser);
    }

    public MessageAuthentication withDmarc(DmarcResult result) {
        return new MessageAuthentication(spf, helo, dkim, result, authenticatedUser);
    }

    /** True for mail from an authenticated local user. */
    public boolean isSubmission() {
        return authenticatedUser != null;
    }

    /** True when DMARC passed (the From domain is authenticated). */
    public boolean dmarcPass() {
        return dmarc != null && dmarc.status() == DmarcResult.Status.PASS;
    }
}
