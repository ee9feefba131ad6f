package org.tegami.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tegami.store.BlobStore;
import org.tegami.store.StoreException;

/**
 * {@link Database#query}: statements kept per read connection (the inline blob read of every POP3
 * RETR) must behave like statements prepared afresh, and {@link BlobStore#channel} must find
 * inline and file blobs alike.
 */
class DatabaseQueryTest {

    /** More than the read connections, so a loop of queries uses every connection's statement. */
    private static final int ROUNDS = 20;

    private Path dir;
    private SqliteStore store;
    private Database db;

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("database-query");
        store = new SqliteStore(dir);
        db = store.database();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static final String COUNT = "SELECT count(*) FROM contents WHERE size = ?";

    private long count(long size) {
        return db.query(COUNT, ps -> {
            ps.setLong(1, size);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private void insertContent(byte[] data, String sha) {
        db.write(tx -> Contents.upsert(tx.connection(),
                new BlobStore.Blob(sha, data.length, null, data), new byte[0]));
    }

    private static String sha(int n) {
        return HexFormat.of().formatHex(new byte[32]).substring(0, 62) + String.format("%02x", n);
    }

    @Test
    void keptStatementsSeeRowsCommittedAfterTheirFirstUse() {
        for (int i = 0; i < ROUNDS; i++) {
            assertThat(count(3)).isZero();
        }
        insertContent("abc".getBytes(StandardCharsets.US_ASCII), sha(1));
        // A statement left un-reset would keep its read snapshot and still count 0.
        for (int i = 0; i < ROUNDS; i++) {
            assertThat(count(3)).isEqualTo(1);
        }
    }

    @Test
    void aFailingQueryIsReportedAndTheNextOneWorks() {
        for (int i = 0; i < ROUNDS; i++) {
            assertThatThrownBy(() -> db.query(COUNT, ps -> {
                ps.setLong(1, 3);
                ps.executeQuery(); // left open: the statement must not be reused in this state
                throw new SQLException("boom");
            })).isInstanceOf(StoreException.class).hasMessageContaining("boom");
        }
        insertContent("abc".getBytes(StandardCharsets.US_ASCII), sha(2));
        for (int i = 0; i < ROUNDS; i++) {
            assertThat(count(3)).isEqualTo(1);
        }
    }

    @Test
    void parametersDoNotLeakFromOneUseToTheNext() {
        insertContent("abc".getBytes(StandardCharsets.US_ASCII), sha(3));
        for (int i = 0; i < ROUNDS; i++) {
            assertThat(count(3)).isEqualTo(1);
            // unbound parameter: NULL, never the 3 of the previous use
            long unbound = db.query(COUNT, ps -> {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(unbound).isZero();
        }
    }

    @Test
    void channelReadsInlineAndFileBlobsAndRejectsUnknownOnes() throws Exception {
        byte[] small = "Subject: inline\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        BlobStore.Blob inline = store.blobs().prepare(small);
        assertThat(inline.isInline()).isTrue();
        insertContent(small, inline.sha256());
        byte[] large = new byte[BlobStore.INLINE_MAX + 1];
        java.util.Arrays.fill(large, (byte) 'x');
        BlobStore.Blob file = store.blobs().prepare(large);
        assertThat(file.isInline()).isFalse();

        for (int i = 0; i < ROUNDS; i++) {
            assertThat(readAll(store.blobs().channel(inline.sha256()))).isEqualTo(small);
            assertThat(readAll(store.blobs().channel(file.sha256()))).isEqualTo(large);
        }
        assertThatThrownBy(() -> store.blobs().channel(sha(9))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.blobs().channel("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] readAll(ReadableByteChannel ch) throws IOException {
        try (ch) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer b = ByteBuffer.allocate(1000);
            while (ch.read(b) >= 0) {
                out.write(b.array(), 0, b.position());
                b.clear();
            }
            return out.toByteArray();
        }
    }
}
