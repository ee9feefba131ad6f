package org.tegami.smtpserver;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.tegami.directory.Resolution;
import org.tegami.pipeline.Recipient;
import org.tegami.pipeline.Role;
import org.tegami.smtp.MailAddress;
import org.tegami.smtp.Reply;
import org.tegami.smtp.SmtpCommand;
import org.tegami.store.Account;

/**
 * MAIL FROM and RCPT TO: parameters, sender identity for submission, recipient resolution and the
 * relay rule (never relay for unauthenticated clients).
 */
final class EnvelopeHandler {

    private final SmtpSession s;

    EnvelopeHandler(SmtpSession s) {
        this.s = s;
    }

    void mail(SmtpCommand.Mail m) throws IOException {
        if (s.role == Role.SUBMISSION && s.authUser == null) {
            s.error(new Reply(530, "5.7.0", "Authentication required"));
            return;
        }
        Reply bad = checkMailParams(m.params());
        if (bad == null) {
            bad = s.ctx.extensions().check().mail(m.params());
        }
        if (bad != null) {
            s.error(bad);
            return;
        }
        if (m.sender() != null && m.sender().needsSmtpUtf8() && !m.params().containsKey("SMTPUTF8")) {
            s.error(new Reply(553, "5.6.7", "Non-ASCII address needs the SMTPUTF8 parameter"));
            return;
        }
        if (s.role == Role.SUBMISSION && m.sender() != null && !mayUseSender(m.sender())) {
            s.error(new Reply(553, "5.7.1", "Sender address <" + m.sender() + "> is not owned by " + s.authUser));
            return;
        }
        s.tx = new Transaction(m.sender(), m.params());
        s.state = org.tegami.smtpserver.SmtpState.MAIL;
        s.reply(new Reply(250, "2.1.0", "Sender OK"));
    }

    private Reply checkMailParams(Map<String, String> params) {
        for (Map.Entry<String, String> p : params.entrySet()) {
            String v = p.getValue();
            switch (p.getKey()) {
                case "SIZE" -> {
                    if (v == null || !v.matches("\\d{1,18}")) {
                        return new Reply(501, "5.5.4", "Bad SIZE parameter");
                    }
                    if (Long.parseLong(v) > s.ctx.config().maxMessageSize()) {
                        return new Reply(552, "5.3.4", "Message size exceeds the limit of "
                                + s.ctx.config().maxMessageSize() + " bytes");
                    }
                }
                case "BODY" -> {
                    if (v == null || !(v.equalsIgnoreCase("7BIT") || v.equalsIgnoreCase("8BITMIME"))) {
                        return new Reply(555, "5.5.4", "Unsupported BODY type");
                    }
                }
                case "SMTPUTF8" -> {
                    if (v != null) {
                        return new Reply(501, "5.5.4", "SMTPUTF8 takes no value");
                    }
                }
                case "AUTH" -> {
                    // RFC 4954 §5: accepted; the identity is not trusted from a client.
                }
                default -> {
                    if (!s.ctx.extensions().mailParams().contains(p.getKey())) {
                        return new Reply(555, "5.5.4", "Unsupported parameter " + p.getKey());
                    }
                }
            }
        }
        return null;
    }

    /** An authenticated user may send as its own address, subaddresses and aliases that reach it. */
    private boolean mayUseSender(MailAddress sender) {
        Optional<Account> me = s.ctx.directory().account(s.authUser);
        return me.isPresent() && s.ctx.directory().maySendAs(me.get(), sender);
    }

    void rcpt(SmtpCommand.Rcpt r) throws IOException {
        Transaction tx = s.tx;
        if (tx.recipients.size() >= s.ctx.config().maxRecipients()) {
            tx.rejectedRecipients++;
            s.reply(new Reply(452, "4.5.3", "Too many recipients"));
            return;
        }
        for (String key : r.params().keySet()) {
            if (!s.ctx.extensions().rcptParams().contains(key)) {
                tx.rejectedRecipients++;
                s.error(new Reply(555, "5.5.4", "Unsupported parameter " + key));
                return;
            }
        }
        Reply badParam = s.ctx.extensions().check().rcpt(r.params());
        if (badParam != null) {
            tx.rejectedRecipients++;
            s.error(badParam);
            return;
        }
        MailAddress rcpt = r.recipient();
        if (rcpt.domain().isEmpty()) {
            rcpt = postmaster();
            if (rcpt == null) {
                tx.rejectedRecipients++;
                s.error(new Reply(550, "5.1.1", "No postmaster here"));
                return;
            }
        }
        if (rcpt.needsSmtpUtf8() && !tx.smtpUtf8()) {
            tx.rejectedRecipients++;
            s.error(new Reply(553, "5.6.7", "Non-ASCII address needs the SMTPUTF8 parameter on MAIL"));
            return;
        }
        Resolution res = s.ctx.directory().resolve(rcpt);
        Reply refusal = check(rcpt, res);
        if (refusal != null) {
            tx.rejectedRecipients++;
            s.error(refusal);
            return;
        }
        tx.recipients.add(new Recipient(rcpt, r.params(), res));
        s.state = SmtpState.RCPT;
        s.reply(new Reply(250, "2.1.5", "Recipient OK"));
    }

    /** Why this recipient is refused, or null if it is accepted. */
    private Reply check(MailAddress rcpt, Resolution res) {
        return switch (res) {
            case Resolution.UnknownUser u -> new Reply(550, "5.1.1", "<" + rcpt + ">: Recipient address rejected: no such user here");
            case Resolution.Remote rem -> {
                if (s.authUser == null) {
                    yield new Reply(554, "5.7.1", "<" + rcpt + ">: Relay access denied");
                }
                yield s.ctx.pipeline().canRelay() ? null
                        : new Reply(451, "4.4.0", "<" + rcpt + ">: Remote delivery not available, try later");
            }
            case Resolution.Local l -> {
                if (!l.forwards().isEmpty() && !s.ctx.pipeline().canRelay()) {
                    yield new Reply(451, "4.4.0", "<" + rcpt + ">: Forwarding not available, try later");
                }
                yield overQuota(l) ? new Reply(452, "4.2.2", "<" + rcpt + ">: Mailbox full") : null;
            }
        };
    }

    private boolean overQuota(Resolution.Local l) {
        for (Account a : l.accounts()) {
            if (a.quotaBytes() > 0 && s.ctx.mail().usage(a.id()) >= a.quotaBytes()) {
                return true;
            }
        }
        return false;
    }

    /** RFC 5321 §4.5.1: bare <postmaster> means the postmaster of this server's primary domain. */
    private MailAddress postmaster() {
        java.util.List<String> domains = s.ctx.directory().store().domains();
        String host = s.ctx.hostname().toLowerCase(java.util.Locale.ROOT);
        for (String d : domains) {
            if (host.equals(d) || host.endsWith("." + d)) {
                return new MailAddress("postmaster", d);
            }
        }
        return domains.isEmpty() ? null : new MailAddress("postmaster", domains.get(0));
    }
}
