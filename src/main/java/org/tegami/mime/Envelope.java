package org.tegami.mime;

import java.util.List;

/**
 * The fields of IMAP's ENVELOPE (RFC 9051 §7.5.2), computed once at delivery and cached with the
 * message. String values are raw (unfolded, not decoded), as IMAP returns them.
 */
public record Envelope(
        String date,
        String subject,
        List<Address> from,
        List<Address> sender,
        List<Address> replyTo,
        List<Address> to,
        List<Address> cc,
        List<Address> bcc,
        String inReplyTo,
        String messageId) {

    public Envelope {
        from = List.copyOf(from);
        sender = List.copyOf(sender);
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }

    public static Envelope of(Headers h) {
        List<Address> from = AddressParser.parseList(h.value("From"));
        List<Address> sender = AddressParser.parseList(h.value("Sender"));
        List<Address> replyTo = AddressParser.parseList(h.value("Reply-To"));
        // RFC 9051 §7.5.2: sender and reply-to default to from when absent.
        return new Envelope(
                h.value("Date"),
                h.value("Subject"),
                from,
                sender.isEmpty() ? from : sender,
                replyTo.isEmpty() ? from : replyTo,
                AddressParser.parseList(h.value("To")),
                AddressParser.parseList(h.value("Cc")),
                AddressParser.parseList(h.value("Bcc")),
                h.value("In-Reply-To"),
                h.value("Message-ID"));
    }
}
