package org.tegami.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tegami.store.sqlite.SqliteStore;

class SqliteStoreTest {

    private Path dir;
    private SqliteStore store;
    private long alice;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("tegami-store");
        store = new SqliteStore(dir);
        store.directory().addDomain("example.test");
        alice = store.directory().addAccount("alice@example.test", "Alice", new Credentials("h", "s", null), false).id();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private long inbox() {
        return store.mail().mailbox(alice, "INBOX").orElseThrow().id();
    }

    private List<Delivery.Stored> deliver(String text, long... mailboxes) throws Exception {
        BlobStore.Blob blob = store.blobs().write(text.getBytes(StandardCharsets.UTF_8));
        List<Long> ids = new ArrayList<>();
        for (long m : mailboxes) {
            ids.add(m);
        }
        return store.mail().deliver(new Delivery(blob, new byte[] {1}, ids, 0, "", System.currentTimeMillis()));
    }

    @Test
    void defaultMailboxesWithSpecialUse() {
        assertThat(store.mail().mailboxes(alice)).extracting(Mailbox::name)
                .containsExactly("INBOX", "Archive", "Drafts", "Junk", "Sent", "Trash");
        assertThat(store.mail().mailbox(alice, "Sent").orElseThrow().specialUse()).isEqualTo("\\Sent");
        assertThat(store.mail().mailboxes(alice)).extracting(Mailbox::uidValidity).doesNotHaveDuplicates();
    }

    @Test
    void uidsAndModseqsIncreaseAndAreNeverReused() throws Exception {
        long inbox = inbox();
        long sent = store.mail().mailbox(alice, "Sent").orElseThrow().id();
        var first = deliver("Subject: 1\r\n\r\none\r\n", inbox, sent);
        var second = deliver("Subject: 2\r\n\r\ntwo\r\n", inbox);
        assertThat(first.get(0).uid()).isEqualTo(1);
        assertThat(second.get(0).uid()).isEqualTo(2);
        assertThat(second.get(0).modSeq()).isGreaterThan(first.get(0).modSeq());
        assertThat(store.mail().expunge(inbox, List.of(2L, 2L, 99L))).containsExactly(2L);
        assertThat(deliver("Subject: 3\r\n\r\n", inbox).get(0).uid()).isEqualTo(3);
        MailboxStatus st = store.mail().status(inbox);
        assertThat(st.messages()).isEqualTo(2);
        assertThat(st.unseen()).isEqualTo(2);
    }

    @Test
    void identicalContentSharesOneBlobAndGarbageIsCollected() throws Exception {
        long inbox = inbox();
        deliver("same bytes", inbox);
        deliver("same bytes", inbox);
        List<MessageInfo> msgs = store.mail().messages(inbox);
        assertThat(msgs).hasSize(2);
        assertThat(msgs.get(0).blob()).isEqualTo(msgs.get(1).blob());
        assertThat(store.blobs().list()).hasSize(1);
        store.mail().expunge(inbox, List.of(1L, 2L));
        store.blobs().write("orphan from a crash".getBytes(StandardCharsets.UTF_8));
        assertThat(store.collectGarbage(0)).isEqualTo(2);
        assertThat(store.blobs().list()).isEmpty();
    }

    @Test
    void concurrentWritersAreGroupCommitted() throws Exception {
        long inbox = inbox();
        ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<List<Delivery.Stored>>> fs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            fs.add(ex.submit(() -> deliver("Subject: " + n + "\r\n\r\n", inbox)));
        }
        List<Long> uids = new ArrayList<>();
        for (var f : fs) {
            uids.add(f.get().get(0).uid());
        }
        ex.close();
        assertThat(uids).doesNotHaveDuplicates().hasSize(200);
        assertThat(store.mail().status(inbox).messages()).isEqualTo(200);
    }

    @Test
    void errorsHaveKinds() {
        assertThatThrownBy(() -> store.directory().addDomain("example.test"))
                .isInstanceOf(StoreException.class)
                .extracting(e -> ((StoreException) e).kind()).isEqualTo(StoreException.Kind.ALREADY_EXISTS);
        assertThatThrownBy(() -> store.directory().addAccount("x@nodomain.test", null, new Credentials("h", "s", null), false))
                .extracting(e -> ((StoreException) e).kind()).isEqualTo(StoreException.Kind.NOT_FOUND);
        assertThatThrownBy(() -> store.directory().removeDomain("example.test"))
                .extracting(e -> ((StoreException) e).kind()).isEqualTo(StoreException.Kind.INVALID);
    }

    @Test
    void reopenKeepsEverything() throws Exception {
        deliver("kept", inbox());
        store.close();
        store = new SqliteStore(dir);
        assertThat(store.mail().status(inbox()).messages()).isEqualTo(1);
    }
}
