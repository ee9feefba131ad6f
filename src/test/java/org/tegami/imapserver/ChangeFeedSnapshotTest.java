package org.tegami.imapserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tegami.mime.MimeLimits;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.mime.StructureCodec;
import org.tegami.store.BlobStore;
import org.tegami.store.ContentIndex;
import org.tegami.store.Credentials;
import org.tegami.store.Delivery;
import org.tegami.store.FlagUpdate;
import org.tegami.store.MailStore;
import org.tegami.store.Mailbox;
import org.tegami.store.SystemFlags;
import org.tegami.store.sqlite.SqliteStore;

/**
 * The snapshots the change feed keeps, against the SQLite store: a mailbox nobody has selected
 * any more is not read again at the next SELECT but moved on by what changed meanwhile (new
 * messages, flags, expunges), and the kept snapshots stay within their bound.
 */
class ChangeFeedSnapshotTest {

    private Path dir;
    private SqliteStore store;
    private MailStore mail;
    /** The store as the feed sees it, counting full reads of a mailbox. */
    private MailStore counted;
    private final AtomicInteger views = new AtomicInteger();
    private long alice;
    private long inbox;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("tegami-feed");
        store = new SqliteStore(dir);
        mail = store.mail();
        store.directory().addDomain("example.test");
        alice = store.directory().addAccount("alice@example.test", "Alice", new Credentials("h", "s", null), false).id();
        inbox = mail.mailbox(alice, "INBOX").orElseThrow().id();
        counted = (MailStore) Proxy.newProxyInstance(MailStore.class.getClassLoader(), new Class<?>[] {MailStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("view")) {
                        views.incrementAndGet();
                    }
                    try {
                        return method.invoke(mail, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private long add(long mailbox, String subject, int flags, String keywords) throws Exception {
        byte[] bytes = ("Subject: " + subject + "\r\n\r\nx\r\n").getBytes(StandardCharsets.UTF_8);
        ParsedMessage p = MimeParser.parse(ByteBuffer.wrap(bytes), MimeLimits.DEFAULT);
        BlobStore.Blob blob = store.blobs().prepare(bytes);
        return mail.deliver(new Delivery(blob, StructureCodec.encode(p.root(), p.envelope()), List.of(mailbox), flags,
                keywords, 1_700_000_000_000L, 60, ContentIndex.of(ByteBuffer.wrap(bytes), p))).get(0).uid();
    }

    /** What ImapSession.select does: watch first, then take the shared snapshot. */
    private Snapshot select(ChangeFeed feed, long mailboxId, ChangeFeed.Waker w) {
        feed.attach(mailboxId, w);
        Mailbox mb = mail.mailboxById(mailboxId).orElseThrow();
        return feed.snapshot(mailboxId, mb.uidValidity(), mb.highestModSeq(), () -> Snapshot.of(counted.view(mailboxId)));
    }

    private static ChangeFeed.Waker waker() {
        return change -> {};
    }

    private void assertCurrent(Snapshot s, long mailboxId) {
        Snapshot fresh = Snapshot.of(mail.view(mailboxId));
        assertThat(s.uids).containsExactly(fresh.uids);
        assertThat(s.modSeqs).containsExactly(fresh.modSeqs);
        assertThat(s.flags).containsExactly(fresh.flags);
        assertThat(s.keywords).containsExactly(fresh.keywords);
        assertThat(s.firstUnseen).isEqualTo(fresh.firstUnseen);
        assertThat(s.keywordList).containsExactlyInAnyOrderElementsOf(fresh.keywordList);
        assertThat(s.highestModSeq).isEqualTo(fresh.highestModSeq);
        assertThat(s.uidNext).isEqualTo(fresh.uidNext);
        assertThat(s.uidValidity).isEqualTo(fresh.uidValidity);
    }

    @Test
    void aMailboxSelectedAgainIsMovedOnByWhatChangedWhileNobodyHadItSelected() throws Exception {
        long a = add(inbox, "a", SystemFlags.SEEN, "");
        long b = add(inbox, "b", SystemFlags.SEEN, "$Work");
        long c = add(inbox, "c", SystemFlags.SEEN, "");
        ChangeFeed feed = new ChangeFeed(counted, 1 << 20);
        ChangeFeed.Waker w1 = waker();
        Snapshot first = select(feed, inbox, w1);
        assertThat(first.uids).containsExactly(a, b, c);
        assertThat(first.firstUnseen).isEqualTo(-1);
        assertThat(views).hasValue(1);
        feed.detach(inbox, w1);
        assertThat(feed.idle().contains(inbox)).isTrue();

        // Unchanged: the kept snapshot itself, no read.
        ChangeFeed.Waker w2 = waker();
        assertThat(select(feed, inbox, w2)).isSameAs(first);
        feed.detach(inbox, w2);

        // Meanwhile: a delivery, flag and keyword changes, an expunge.
        long d = add(inbox, "d", 0, "$Late");
        mail.updateFlags(inbox, new long[] {a}, new FlagUpdate(FlagUpdate.Mode.REMOVE, SystemFlags.SEEN, List.of(), null));
        mail.updateFlags(inbox, new long[] {c}, new FlagUpdate(FlagUpdate.Mode.ADD, SystemFlags.FLAGGED, List.of("$Done"), null));
        mail.updateFlags(inbox, new long[] {b}, new FlagUpdate(FlagUpdate.Mode.ADD, SystemFlags.DELETED, List.of(), null));
        assertThat(mail.expungeDeleted(inbox, null)).containsExactly(b);

        ChangeFeed.Waker w3 = waker();
        Snapshot moved = select(feed, inbox, w3);
        assertThat(views).as("moved on from the kept snapshot, not read again").hasValue(1);
        assertThat(moved.uids).containsExactly(a, c, d);
        assertThat(moved.firstUnseen).isEqualTo(0);
        assertCurrent(moved, inbox);

        // A second session while the first still has it selected shares it; after another
        // change, a new session gets the shared one moved on, still without a full read.
        ChangeFeed.Waker w4 = waker();
        assertThat(select(feed, inbox, w4)).isSameAs(moved);
        long e = add(inbox, "e", SystemFlags.SEEN, "");
        ChangeFeed.Waker w5 = waker();
        Snapshot later = select(feed, inbox, w5);
        assertThat(later.uids).containsExactly(a, c, d, e);
        assertCurrent(later, inbox);
        assertThat(views).hasValue(1);
        feed.detach(inbox, w3);
        feed.detach(inbox, w4);
        feed.detach(inbox, w5);
        assertThat(feed.idle().contains(inbox)).isTrue();
    }

    @Test
    void keptSnapshotsStayWithinTheBoundLeastRecentlyUsedFirst() throws Exception {
        long work = mail.createMailbox(alice, "Work", null).id();
        long list = mail.createMailbox(alice, "Lists", null).id();
        for (int i = 0; i < 10; i++) {
            add(inbox, "i" + i, 0, "");
            add(work, "w" + i, 0, "");
            add(list, "l" + i, 0, "");
        }
        long one = Snapshot.of(mail.view(inbox)).bytes; // the same for each: 10 messages, no keywords
        ChangeFeed feed = new ChangeFeed(counted, 2 * one + one / 2); // room for two
        for (long id : new long[] {inbox, work}) {
            ChangeFeed.Waker w = waker();
            select(feed, id, w);
            feed.detach(id, w);
        }
        assertThat(feed.idle().bytes()).isEqualTo(2 * one);
        ChangeFeed.Waker w = waker();
        select(feed, inbox, w); // taken back: in use now, not counted among the kept ones
        feed.detach(inbox, w); // kept again, now the most recently used
        select(feed, list, w);
        feed.detach(list, w); // the third: Work is the least recently used and goes
        assertThat(feed.idle().contains(work)).isFalse();
        assertThat(feed.idle().contains(inbox)).isTrue();
        assertThat(feed.idle().contains(list)).isTrue();
        assertThat(feed.idle().bytes()).isEqualTo(2 * one);
        assertThat(views).hasValue(3);
        select(feed, work, w); // evicted: read again
        assertThat(views).hasValue(4);
        feed.detach(work, w);
    }

    @Test
    void aSnapshotOfAnEarlierMailboxWithTheSameIdIsNotUsed() throws Exception {
        long work = mail.createMailbox(alice, "Work", null).id();
        add(work, "old", SystemFlags.SEEN, "");
        ChangeFeed feed = new ChangeFeed(counted, 1 << 20);
        ChangeFeed.Waker w = waker();
        select(feed, work, w);
        feed.detach(work, w);
        mail.deleteMailbox(work); // not through IMAP DELETE, so the feed was not told
        long again = mail.createMailbox(alice, "Work", null).id();
        assumeThat(again).as("SQLite gives the new mailbox the deleted one's id").isEqualTo(work);
        Snapshot s = select(feed, again, w);
        assertThat(s.uids).isEmpty();
        assertCurrent(s, again);
        feed.detach(again, w);
    }
}
