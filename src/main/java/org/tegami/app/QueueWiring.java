package org.tegami.app;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.tegami.directory.Directory;
import org.tegami.directory.Resolution;
import org.tegami.dsn.DsnParams;
import org.tegami.pipeline.InboundMessage;
import org.tegami.pipeline.LocalDeliveryStage;
import org.tegami.pipeline.Outcome;
import org.tegami.pipeline.Recipient;
import org.tegami.pipeline.Role;
import org.tegami.pipeline.SessionInfo;
import org.tegami.queue.LocalDelivery;
import org.tegami.smtp.AddressException;
import org.tegami.smtp.MailAddress;
import org.tegami.smtp.Reply;
import org.tegami.smtpserver.SmtpContext;

/** Glue between the queue and the rest: local delivery of queued reports, the DSN SMTP extension. */
final class QueueWiring {

    private QueueWiring() {}

    /** RFC 3461: advertise DSN and accept RET/ENVID on MAIL, NOTIFY/ORCPT on RCPT, validated. */
    static SmtpContext.Extensions dsnExtension() {
        return new SmtpContext.Extensions(List.of("DSN"), DsnParams.MAIL_PARAMS, DsnParams.RCPT_PARAMS,
                new SmtpContext.ParamCheck() {
                    @Override
                    public Reply mail(Map<String, String> params) {
                        return DsnParams.checkMail(params);
                    }

                    @Override
                    public Reply rcpt(Map<String, String> params) {
                        return DsnParams.checkRcpt(params);
                    }
                });
    }

    /** Queue -> mailbox, through the directory and the same local delivery stage SMTP uses. */
    static LocalDelivery localDelivery(Directory directory, LocalDeliveryStage stage, String hostname) {
        return new LocalDelivery() {
            @Override
            public boolean isLocal(String asciiDomain) {
                return directory.isLocalDomain(asciiDomain);
            }

            @Override
            public Reply deliver(String address, String sender, byte[] content) {
                MailAddress rcpt;
                MailAddress from;
                try {
                    rcpt = MailAddress.parse(address);
                    from = sender.isEmpty() ? null : MailAddress.parse(sender);
                } catch (AddressException e) {
                    return new Reply(553, "5.1.3", "bad address: " + e.getMessage());
                }
                Resolution r = directory.resolve(rcpt);
                if (!(r instanceof Resolution.Local l) || l.accounts().isEmpty()) {
                    return new Reply(550, "5.1.1", "<" + address + ">: no such local mailbox");
                }
                SessionInfo session = new SessionInfo("queue", Role.MX, InetAddress.getLoopbackAddress(), hostname, true,
                        null, null, hostname);
                InboundMessage m = new InboundMessage("queue", session, from, Map.of(),
                        List.of(new Recipient(rcpt, Map.of(), r)), content);
                try {
                    Outcome o = stage.apply(m);
                    return o == null ? new Reply(250, "2.0.0", "delivered to " + address) : o.reply();
                } catch (java.io.IOException e) {
                    return new Reply(451, "4.3.0", "local delivery failed: " + e.getMessage());
                }
            }
        };
    }
}
