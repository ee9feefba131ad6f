package org.tegami.store.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;
import org.tegami.store.BlobStore;
import org.tegami.store.CorrespondentStore;
import org.tegami.store.DirectoryStore;
import org.tegami.store.KeyStore;
import org.tegami.store.MailStore;
import org.tegami.store.QuarantineStore;
import org.tegami.store.QueueStore;
import org.tegami.store.Store;
import org.tegami.store.StoreException;

/**
 * The embedded store: {@code DATA/tegami.db} (SQLite, WAL) and {@code DATA/blobs/}. Several
 * processes may open it at once (the server and admin commands); SQLite's locking serialises
 * their writes.
 */
public final class SqliteStore implements Store {

    private final Database db;
    private final BlobStore blobs;
    private final SqliteDirectoryStore directory;
    private final SqliteMailStore mail;
    private final SqliteQueueStore queue;
    private final SqliteKeyStore keys;
    private final SqliteQuarantineStore quarantine;
    private final SqliteCorrespondentStore correspondents;

    public SqliteStore(Path dataDir) {
        this(dataDir, true);
    }

    /** Without the background indexer, tests add texts to the trigram index themselves. */
    SqliteStore(Path dataDir, boolean backgroundIndexing) {
        try {
            Files.createDirectories(dataDir);
            this.blobs = new BlobStore(dataDir.resolve("blobs"));
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.TEMPORARY, "cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        this.db = new Database(dataDir.resolve("tegami.db"));
        blobs.inlineSource(sha -> Contents.inline(db, sha));
        this.directory = new SqliteDirectoryStore(db);
        this.mail = new SqliteMailStore(db, blobs, backgroundIndexing);
        this.queue = new SqliteQueueStore(db);
        this.keys = new SqliteKeyStore(db);
        this.quarantine = new SqliteQuarantineStore(db);
        this.correspondents = new SqliteCorrespondentStore(db);
    }

    /** For store implementations in this package that add tables (queue, keys...). */
    public Database database() {
        return db;
    }

    /** The mail store itself, for tests in this package. */
    SqliteMailStore sqliteMail() {
        return mail;
    }

    @Override
    public DirectoryStore directory() {
        return directory;
    }

    @Override
    public MailStore mail() {
        return mail;
    }

    @Override
    public QueueStore queue() {
        return queue;
    }

    @Override
    public QuarantineStore quarantine() {
        return quarantine;
    }

    @Override
    public CorrespondentStore correspondents() {
        return correspondents;
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    @Override
    public KeyStore keys() {
        return keys;
    }

    /**
     * Removes unreferenced contents and their files, then blob files older than {@code minAgeMillis}
     * that the database does not know (left by a crash between blob write and commit).
     *
     * @return number of blob files deleted
     */
    public int collectGarbage(long minAgeMillis) {
        blobs.collectLock().lock();
        try {
            int n = mail.collectGarbage(blobs);
            Set<String> known = db.read(c -> {
                Set<String> out = new HashSet<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT sha256 FROM contents");
                        ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            });
            long cutoff = System.currentTimeMillis() - minAgeMillis;
            for (String sha : blobs.list()) {
                if (!known.contains(sha) && Files.getLastModifiedTime(blobs.path(sha)).toMillis() < cutoff) {
                    blobs.delete(sha);
                    n++;
                }
            }
            blobs.removeStaleTemps(minAgeMillis);
            return n;
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.TEMPORARY, "garbage collection failed: " + e.getMessage(), e);
        } finally {
            blobs.collectLock().unlock();
        }
    }

    @Override
    public void close() {
        mail.close();
        db.close();
    }
}
