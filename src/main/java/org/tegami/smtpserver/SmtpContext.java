package org.tegami.smtpserver;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.tegami.config.AuthConfig;
import org.tegami.config.SmtpConfig;
import org.tegami.directory.Directory;
import org.tegami.net.TlsContext;
import org.tegami.pipeline.Pipeline;
import org.tegami.sasl.Mechanisms;
import org.tegami.store.MailStore;

/**
 * Everything an SMTP session needs, built once by the app and shared by all sessions.
 *
 * @param tls null when TLS is not available (then STARTTLS is not offered)
 * @param gate connection policy applied before the greeting (IP25B, DNSBL, limits)
 * @param extensions extra EHLO keywords and MAIL/RCPT parameters other components support (DSN)
 */
public record SmtpContext(
        String hostname,
        SmtpConfig config,
        AuthConfig auth,
        Directory directory,
        MailStore mail,
        Pipeline pipeline,
        TlsContext tls,
        Mechanisms mechanisms,
        ConnectionGate gate,
        Extensions extensions,
        Clock clock) {

    /**
     * EHLO keywords and parameters beyond the built-in ones.
     *
     * @param check validates the values of those parameters (e.g. DSN's NOTIFY, RFC 3461)
     */
    public record Extensions(List<String> ehloKeywords, Set<String> mailParams, Set<String> rcptParams,
            ParamCheck check) {
        public static final Extensions NONE = new Extensions(List.of(), Set.of(), Set.of());

        public Extensions(List<String> ehloKeywords, Set<String> mailParams, Set<String> rcptParams) {
            this(ehloKeywords, mailParams, rcptParams, ParamCheck.ANY);
        }
    }

    /** Validates extension parameter values; a reply refuses the command, null accepts it. */
    public interface ParamCheck {
        org.tegami.smtp.Reply mail(java.util.Map<String, String> params);

        org.tegami.smtp.Reply rcpt(java.util.Map<String, String> params);

        ParamCheck ANY = new ParamCheck() {
            @Override
            public org.tegami.smtp.Reply mail(java.util.Map<String, String> params) {
                return null;
            }

            @Override
            public org.tegami.smtp.Reply rcpt(java.util.Map<String, String> params) {
                return null;
            }
        };
    }
}
