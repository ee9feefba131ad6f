package org.tegami.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tegami.mime.MimeLimits;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.mime.StructureCodec;
import org.tegami.store.ContentIndex;
import org.tegami.store.Credentials;
import org.tegami.store.Delivery;
import org.tegami.store.TextQuery;

/**
 * The trigram index is built after delivery (ADR 0007): searches must give the same answers for
 * texts still waiting and for indexed ones, removing either kind must leave the index consistent,
 * and the background indexer must catch up once deliveries pause.
 */
class DeferredTextIndexTest {

    private SqliteStore store;
    private long inbox;

    private SqliteMailStore open(boolean background) throws Exception {
        Path dir = Files.createTempDirectory("tegami-textindex");
        store = new SqliteStore(dir, background);
        store.directory().addDomain("example.test");
        long alice = store.directory().addAccount("alice@example.test", "Alice", new Credentials("h", "s", null), false).id();
        inbox = store.mail().mailbox(alice, "INBOX").orElseThrow().id();
        return store.sqliteMail();
    }

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.close();
        }
    }

    private long add(SqliteMailStore mail, String text) throws java.io.IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ParsedMessage p = MimeParser.parse(ByteBuffer.wrap(bytes), MimeLimits.DEFAULT);
        return mail.deliver(new Delivery(store.blobs().prepare(bytes), StructureCodec.encode(p.root(), p.envelope()),
                List.of(inbox), 0, "", 1_700_000_000_000L, 60, ContentIndex.of(ByteBuffer.wrap(bytes), p))).get(0).uid();
    }

    private long[] search(SqliteMailStore mail, TextQuery.Where where, String header, String needle) {
        return mail.searchText(inbox, new TextQuery(where, header, needle));
    }

    private long ftsRowsMatching(String like) {
        return store.database().read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM content_fts WHERE body LIKE ?")) {
                ps.setString(1, like);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    private void assertIndexConsistent() {
        // FTS5 compares the index with the content table; a 'delete' of a row it never held fails here.
        store.database().write(tx -> {
            try (var st = tx.connection().createStatement()) {
                st.execute("INSERT INTO content_fts (content_fts, rank) VALUES ('integrity-check', 1)");
            }
            return null;
        });
    }

    @Test
    void searchesAnswerTheSameBeforeAndAfterIndexing() throws Exception {
        SqliteMailStore mail = open(false);
        long a = add(mail, "From: Jürgen <jurgen@example.test>\r\nSubject: Invoice 4711 overdue\r\n\r\nPlease pay the invoice today\r\n");
        long b = add(mail, "From: other@example.test\r\nSubject: hello\r\n\r\nnothing to pay here\r\n");
        assertThat(mail.textsAwaitingIndex()).isEqualTo(2);
        assertThat(ftsRowsMatching("%invoice%")).isZero();
        for (int round = 0; round < 2; round++) {
            assertThat(search(mail, TextQuery.Where.BODY, null, "INVOICE")).containsExactly(a);
            assertThat(search(mail, TextQuery.Where.BODY, null, "pay")).containsExactly(a, b);
            assertThat(search(mail, TextQuery.Where.BODY, null, "ay")).containsExactly(a, b); // short: scanned
            assertThat(search(mail, TextQuery.Where.TEXT, null, "4711")).containsExactly(a);
            assertThat(search(mail, TextQuery.Where.HEADER, "subject", "overdue")).containsExactly(a);
            assertThat(search(mail, TextQuery.Where.HEADER, "from", "jürgen")).containsExactly(a);
            assertThat(search(mail, TextQuery.Where.HEADER, "subject", "")).containsExactly(a, b);
            assertThat(search(mail, TextQuery.Where.BODY, null, "absent")).isEmpty();
            assertThat(mail.indexWaitingTexts(100)).isEqualTo(round == 0 ? 2 : 0);
            assertThat(mail.textsAwaitingIndex()).isZero();
        }
        assertThat(ftsRowsMatching("%invoice%")).isEqualTo(1);
        assertIndexConsistent();
    }

    @Test
    void indexesOldestFirstInBatches() throws Exception {
        SqliteMailStore mail = open(false);
        for (int i = 0; i < 5; i++) {
            add(mail, "Subject: m" + i + "\r\n\r\nbody number " + i + "\r\n");
        }
        assertThat(mail.indexWaitingTexts(2)).isEqualTo(2);
        assertThat(mail.textsAwaitingIndex()).isEqualTo(3);
        assertThat(ftsRowsMatching("%number 0%") + ftsRowsMatching("%number 1%")).isEqualTo(2);
        assertThat(ftsRowsMatching("%number 4%")).isZero();
        assertThat(mail.indexWaitingTexts(10)).isEqualTo(3);
        assertThat(ftsRowsMatching("%body number%")).isEqualTo(5);
        assertIndexConsistent();
    }

    @Test
    void removingWaitingAndIndexedTextsKeepsTheIndexConsistent() throws Exception {
        SqliteMailStore mail = open(false);
        long indexed = add(mail, "Subject: one\r\n\r\nalpha text\r\n");
        add(mail, "Subject: two\r\n\r\nbeta text\r\n");
        mail.indexWaitingTexts(100);
        long waiting = add(mail, "Subject: three\r\n\r\ngamma text\r\n");
        assertThat(mail.textsAwaitingIndex()).isEqualTo(1);

        mail.expunge(inbox, List.of(indexed, waiting));
        assertThat(store.collectGarbage(0)).isGreaterThanOrEqualTo(2);
        assertThat(mail.textsAwaitingIndex()).isZero();
        assertIndexConsistent();
        assertThat(search(mail, TextQuery.Where.BODY, null, "text")).hasSize(1);
        assertThat(ftsRowsMatching("%alpha%")).isZero();
    }

    @Test
    void backgroundIndexerCatchesUpWhenDeliveriesPause() throws Exception {
        SqliteMailStore mail = open(true);
        for (int i = 0; i < 20; i++) {
            add(mail, "Subject: m" + i + "\r\n\r\nbackground body " + i + "\r\n");
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (mail.textsAwaitingIndex() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(mail.textsAwaitingIndex()).isZero();
        assertThat(ftsRowsMatching("%background body%")).isEqualTo(20);
        assertIndexConsistent();
    }
}
