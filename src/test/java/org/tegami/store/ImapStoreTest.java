package org.tegami.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tegami.mime.MimeLimits;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.mime.StructureCodec;
import org.tegami.store.sqlite.SqliteStore;

/**
 * The mailbox operations the IMAP server relies on, against the SQLite store: views, the change
 * feed of mod-sequences, atomic flag updates, copies and moves, expunge, mailbox management and
 * subscriptions, the text index and the sort keys.
 */
class ImapStoreTest {

    private Path dir;
    private SqliteStore store;
    private MailStore mail;
    private long alice;
    private long inbox;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("tegami-imapstore");
        store = new SqliteStore(dir);
        mail = store.mail();
        store.directory().addDomain("example.test");
        alice = store.directory().addAccount("alice@example.test", "Alice", new Credentials("h", "s", null), false).id();
        inbox = mail.mailbox(alice, "INBOX").orElseThrow().id();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private Delivery.Stored add(long mailbox, String text, int flags, String keywords) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ParsedMessage p = MimeParser.parse(ByteBuffer.wrap(bytes), MimeLimits.DEFAULT);
        BlobStore.Blob blob = store.blobs().prepare(bytes);
        return mail.deliver(new Delivery(blob, StructureCodec.encode(p.root(), p.envelope()), List.of(mailbox), flags,
                keywords, 1_700_000_000_000L, 60, ContentIndex.of(ByteBuffer.wrap(bytes), p))).get(0);
    }

    @Test
    void viewAndChangeFeed() throws Exception {
        Delivery.Stored a = add(inbox, "Subject: a\r\n\r\na\r\n", SystemFlags.SEEN, "");
        Delivery.Stored b = add(inbox, "Subject: b\r\n\r\nb\r\n", 0, "$Work");
        MailboxView v = mail.view(inbox);
        assertThat(v.uids()).containsExactly(a.uid(), b.uid());
        assertThat(v.flags()).containsExactly(SystemFlags.SEEN, 0);
        assertThat(v.keywords()).containsExactly("", "$Work");
        long since = v.mailbox().highestModSeq();

        Delivery.Stored c = add(inbox, "Subject: c\r\n\r\nc\r\n", 0, "");
        mail.updateFlags(inbox, new long[] {a.uid()}, new FlagUpdate(FlagUpdate.Mode.ADD, SystemFlags.FLAGGED, List.of(), null));
        mail.updateFlags(inbox, new long[] {b.uid()}, new FlagUpdate(FlagUpdate.Mode.ADD, SystemFlags.DELETED, List.of(), null));
        assertThat(mail.expungeDeleted(inbox, null)).containsExactly(b.uid());

        MailboxChanges ch = mail.changesSince(inbox, since);
        assertThat(ch.expunged()).containsExactly(b.uid());
        assertThat(ch.changed()).extracting(MessageFlags::uid).containsExactly(a.uid(), c.uid());
        assertThat(ch.changed().get(0).flags()).isEqualTo(SystemFlags.SEEN | SystemFlags.FLAGGED);
        assertThat(ch.highestModSeq()).isGreaterThan(since);
        assertThat(mail.changesSince(inbox, ch.highestModSeq()).isEmpty()).isTrue();
    }

    @Test
    void flagUpdatesAreAtomicAndKeywordsCaseInsensitive() throws Exception {
        Delivery.Stored a = add(inbox, "Subject: a\r\n\r\na\r\n", 0, "$One");
        FlagResult r = mail.updateFlags(inbox, new long[] {a.uid()},
                new FlagUpdate(FlagUpdate.Mode.ADD, SystemFlags.SEEN, List.of("$one", "$Two"), null));
        assertThat(r.changed()).singleElement().satisfies(m -> {
            assertThat(m.keywords()).isEqualTo("$One $Two");
            assertThat(m.flags()).isEqualTo(SystemFlags.SEEN);
        });
        long modSeq = r.changed().get(0).modSeq();
        r = mail.updateFlags(inbox, new long[] {a.uid()}, new FlagUpdate(FlagUpdate.Mode.REMOVE, 0, List.of("$ONE"), null));
        assertThat(r.changed().get(0).keywords()).isEqualTo("$Two");
        // UNCHANGEDSINCE (RFC 7162 §3.1.3): the message changed after modSeq, so nothing happens.
        r = mail.updateFlags(inbox, new long[] {a.uid()},
                new FlagUpdate(FlagUpdate.Mode.REPLACE, SystemFlags.DRAFT, List.of(), modSeq));
        assertThat(r.failed()).containsExactly(a.uid());
        assertThat(r.changed()).isEmpty();
        r = mail.updateFlags(inbox, new long[] {a.uid()}, new FlagUpdate(FlagUpdate.Mode.ADD, SystemFlags.SEEN, List.of(), null));
        assertThat(r.unchanged()).hasSize(1);
    }

    @Test
    void copyMoveAndUidsNeverReused() throws Exception {
        long sent = mail.mailbox(alice, "Sent").orElseThrow().id();
        Delivery.Stored a = add(inbox, "Subject: a\r\n\r\na\r\n", SystemFlags.ANSWERED, "$k");
        Delivery.Stored b = add(inbox, "Subject: b\r\n\r\nb\r\n", 0, "");
        CopyResult copy = mail.copy(inbox, new long[] {a.uid(), b.uid()}, sent, false);
        assertThat(copy.sourceUids()).containsExactly(a.uid(), b.uid());
        assertThat(copy.destUids()).hasSize(2);
        MessageInfo copied = mail.message(sent, copy.destUids()[0]).orElseThrow();
        assertThat(copied.flags()).isEqualTo(SystemFlags.ANSWERED);
        assertThat(copied.keywords()).isEqualTo("$k");
        CopyResult move = mail.copy(inbox, new long[] {a.uid()}, sent, true);
        assertThat(mail.message(inbox, a.uid())).isEmpty();
        assertThat(move.destUids()[0]).isGreaterThan(copy.destUids()[1]);
        assertThat(mail.changesSince(inbox, 0).expunged()).contains(a.uid());
        Delivery.Stored c = add(inbox, "Subject: c\r\n\r\nc\r\n", 0, "");
        assertThat(c.uid()).isGreaterThan(b.uid());
    }

    @Test
    void renameMovesChildrenAndSubscriptions() {
        mail.createUnsubscribed(alice, "Work", null);
        mail.createUnsubscribed(alice, "Work/2024", null);
        mail.setSubscribed(alice, "Work/2024", true);
        mail.renameMailboxes(alice, new LinkedHashMap<>(Map.of("Work", "Jobs", "Work/2024", "Jobs/2024")));
        assertThat(mail.mailbox(alice, "Jobs/2024")).isPresent();
        assertThat(mail.mailbox(alice, "Work")).isEmpty();
        assertThat(mail.subscriptions(alice)).contains("Jobs/2024").doesNotContain("Work/2024");
        assertThat(mail.mailbox(alice, "Jobs").orElseThrow().subscribed()).isFalse();
        assertThat(mail.mailbox(alice, "Sent").orElseThrow().subscribed()).isTrue(); // defaults are subscribed
        assertThatThrownBy(() -> mail.renameMailboxes(alice, Map.of("Jobs", "Sent")))
                .isInstanceOf(StoreException.class).extracting(e -> ((StoreException) e).kind())
                .isEqualTo(StoreException.Kind.ALREADY_EXISTS);
        mail.deleteMailbox(mail.mailbox(alice, "Jobs/2024").orElseThrow().id());
        assertThat(mail.subscriptions(alice)).contains("Jobs/2024"); // a subscription outlives its mailbox
    }

    @Test
    void moveAllToLeavesTheSourceEmpty() throws Exception {
        add(inbox, "Subject: a\r\n\r\na\r\n", 0, "");
        add(inbox, "Subject: b\r\n\r\nb\r\n", 0, "");
        Mailbox old = mail.moveAllTo(inbox, "Old");
        assertThat(mail.status(old.id()).messages()).isEqualTo(2);
        assertThat(mail.status(inbox).messages()).isZero();
    }

    @Test
    void textSearchIsSubstringAndCaseInsensitive() throws Exception {
        Delivery.Stored a = add(inbox, "From: =?utf-8?q?J=C3=BCrgen?= <jurgen@example.test>\r\nSubject: Grüße aus Köln\r\n"
                + "X-Tag: 50%_off\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString("Das Wetter ist SCHÖN, quick brown fox".getBytes(StandardCharsets.UTF_8))
                + "\r\n", 0, "");
        Delivery.Stored b = add(inbox, "From: other@example.test\r\nSubject: hello\r\n\r\nnothing here\r\n", 0, "");
        assertThat(search(TextQuery.Where.BODY, null, "schön")).containsExactly(a.uid()); // decoded base64, case-folded
        assertThat(search(TextQuery.Where.BODY, null, "rown f")).containsExactly(a.uid());
        assertThat(search(TextQuery.Where.BODY, null, "ox")).containsExactly(a.uid()); // short: scanned
        assertThat(search(TextQuery.Where.HEADER, "from", "JÜRGEN")).containsExactly(a.uid()); // RFC 2047 decoded
        assertThat(search(TextQuery.Where.HEADER, "subject", "köln")).containsExactly(a.uid());
        assertThat(search(TextQuery.Where.HEADER, "subject", "")).containsExactly(a.uid(), b.uid());
        assertThat(search(TextQuery.Where.HEADER, "x-tag", "")).containsExactly(a.uid());
        assertThat(search(TextQuery.Where.HEADER, "x-tag", "0%_o")).containsExactly(a.uid()); // LIKE wildcards: scanned
        assertThat(search(TextQuery.Where.HEADER, "subject", "nothing")).isEmpty(); // body text is not a header
        assertThat(search(TextQuery.Where.TEXT, null, "nothing")).containsExactly(b.uid());
        assertThat(search(TextQuery.Where.TEXT, null, "other@")).containsExactly(b.uid());
    }

    @Test
    void longTextsAreSearchedBeyondTheIndex() throws Exception {
        String filler = "lorem ipsum dolor sit amet ".repeat(2000); // ~54K characters
        Delivery.Stored a = add(inbox, "Subject: long\r\n\r\n" + filler + "needle at the very end\r\n", 0, "");
        add(inbox, "Subject: short\r\n\r\nlorem\r\n", 0, "");
        assertThat(search(TextQuery.Where.BODY, null, "needle at the very end")).containsExactly(a.uid());
        assertThat(search(TextQuery.Where.TEXT, null, "very end")).containsExactly(a.uid());
        assertThat(search(TextQuery.Where.BODY, null, "no such text")).isEmpty();
    }

    private long[] search(TextQuery.Where where, String header, String needle) {
        return mail.searchText(inbox, new TextQuery(where, header, needle));
    }

    @Test
    void sortKeysAndIndexingOfOldMessages() throws Exception {
        add(inbox, "From: \"Zed\" <zed@example.test>\r\nSubject: Re: [list] Fwd: Plans\r\n"
                + "Date: Sat, 24 Mar 2007 23:00:00 +0200\r\nMessage-ID: <b@x>\r\nReferences: <a@x>\r\n\r\nx\r\n", 0, "");
        // A message stored without an index (as before the index existed) is indexed later.
        byte[] bytes = "Subject: late\r\n\r\nfind me later\r\n".getBytes(StandardCharsets.UTF_8);
        ParsedMessage p = MimeParser.parse(ByteBuffer.wrap(bytes), MimeLimits.DEFAULT);
        long old = mail.deliver(new Delivery(store.blobs().prepare(bytes), StructureCodec.encode(p.root(), p.envelope()),
                List.of(inbox), 0, "", 1L)).get(0).uid();
        assertThat(search(TextQuery.Where.BODY, null, "find me")).isEmpty();
        assertThat(mail.indexMissing(store.blobs(), 100)).isEqualTo(1);
        assertThat(search(TextQuery.Where.BODY, null, "find me")).containsExactly(old);
        List<MessageKeys> keys = mail.keys(inbox);
        assertThat(keys).hasSize(2);
        MessageKeys k = keys.get(0);
        assertThat(k.subject()).isEqualTo("PLANS");
        assertThat(k.replyOrForward()).isTrue();
        assertThat(k.from()).isEqualTo("ZED");
        assertThat(k.displayFrom()).isEqualTo("ZED");
        assertThat(k.sentDate()).isEqualTo(java.time.OffsetDateTime.parse("2007-03-24T23:00:00+02:00").toInstant().toEpochMilli());
        assertThat(k.sentTz()).isEqualTo(120);
        assertThat(k.messageId()).isEqualTo("b@x");
        assertThat(k.references()).isEqualTo("a@x");
        assertThat(keys.get(1).subject()).isEqualTo("LATE");
    }

    @Test
    void eventsFireAfterCommit() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        List<MailboxEvents.Change> changes = new ArrayList<>();
        mail.events().subscribe(inbox, (id, ch) -> {
            seen.incrementAndGet();
            changes.add(ch);
        });
        Delivery.Stored a = add(inbox, "Subject: a\r\n\r\na\r\n", 0, "");
        mail.updateFlags(inbox, new long[] {a.uid()}, new FlagUpdate(FlagUpdate.Mode.ADD, SystemFlags.DELETED, List.of(), null));
        mail.expungeDeleted(inbox, new long[] {a.uid()});
        assertThat(changes).containsExactly(MailboxEvents.Change.ADDED, MailboxEvents.Change.FLAGS,
                MailboxEvents.Change.EXPUNGED);
    }
}
