package org.tegami.pipeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.smtp.MailAddress;

/**
 * A message travelling through the inbound stages: envelope, client facts, the received bytes,
 * the header fields stages decided to add on top, and per-account routing decisions. Stages add
 * to it; the final bytes are {@link #finalBytes()}.
 */
public final class InboundMessage {

    private final String id;
    private final SessionInfo session;
    private final MailAddress sender;
    private final Map<String, String> mailParams;
    private final List<Recipient> recipients;
    private byte[] content;
    private ParsedMessage parsed;
    /** Header fields to prepend, in final order (top first); each without the trailing CRLF. */
    private final List<String> prependTop = new ArrayList<>();
    /** Mailbox for an account other than INBOX (e.g. Junk after a DMARC quarantine). */
    private final Map<Long, String> mailboxOverride = new HashMap<>();
    private String defaultMailbox = org.tegami.store.Mailbox.INBOX;
    /** Human-readable notes for the transaction log (verdicts, checks). */
    private final List<String> notes = new ArrayList<>();
    /** Results one stage leaves for later ones (e.g. authentication results for the threat check). */
    private final Map<Class<?>, Object> facts = new HashMap<>();

    public InboundMessage(String id, SessionInfo session, MailAddress sender, Map<String, String> mailParams,
            List<Recipient> recipients, byte[] content) {
        this.id = id;
        this.session = session;
        this.sender = sender;
        this.mailParams = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mailParams));
        this.recipients = List.copyOf(recipients);
        this.content = content;
    }

    public String id() {
        return id;
    }

    public SessionInfo session() {
        return session;
    }

    /** Envelope sender, or null for the null reverse-path. */
    public MailAddress sender() {
        return sender;
    }

    public Map<String, String> mailParams() {
        return mailParams;
    }

    public List<Recipient> recipients() {
        return recipients;
    }

    /** The message as received (CRLF-normalised, without headers added by stages). */
    public byte[] content() {
        return content;
    }

    /** Replaces the received content (e.g. a banner added, encrypted at rest); re-parsed on demand. */
    public void replaceContent(byte[] newContent) {
        this.content = newContent;
        this.parsed = null;
    }

    /** The received content parsed (cached). Offsets refer to {@link #content()}. */
    public ParsedMessage parsed() {
        if (parsed == null) {
            parsed = MimeParser.parse(ByteBuffer.wrap(content), org.tegami.mime.MimeLimits.DEFAULT);
        }
        return parsed;
    }

    /** Adds a header field above those already added (so the last one added ends up on top). */
    public void prependHeader(String name, String value) {
        prependTop.add(0, name + ": " + value);
    }

    public List<String> prependedHeaders() {
        return List.copyOf(prependTop);
    }

    public void deliverToMailbox(long accountId, String mailbox) {
        mailboxOverride.put(accountId, mailbox);
    }

    /** Sends every local copy to this mailbox unless an account has its own override. */
    public void setDefaultMailbox(String mailbox) {
        this.defaultMailbox = mailbox;
    }

    public String mailboxFor(long accountId) {
        return mailboxOverride.getOrDefault(accountId, defaultMailbox);
    }

    /** Records a typed result for later stages; one value per type. */
    public <T> void put(Class<T> type, T value) {
        facts.put(type, value);
    }

    /** A result an earlier stage recorded, or null. */
    public <T> T get(Class<T> type) {
        return type.cast(facts.get(type));
    }

    public void note(String note) {
        notes.add(note);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Prepended header fields followed by the content: what is stored or relayed. */
    public List<ByteBuffer> finalBytes() {
        StringBuilder sb = new StringBuilder();
        for (String h : prependTop) {
            sb.append(h).append("\r\n");
        }
        return List.of(ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)), ByteBuffer.wrap(content));
    }

    public long finalSize() {
        long n = content.length;
        for (String h : prependTop) {
            n += h.getBytes(StandardCharsets.UTF_8).length + 2;
        }
        return n;
    }
}
