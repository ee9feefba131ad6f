package org.tegami.store.sqlite;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.tegami.store.BlobStore;
import org.tegami.store.StoreException;

/**
 * One SQLite database in WAL mode with a single writer thread that commits in groups: every write
 * waiting when a transaction starts joins it, each inside its own SAVEPOINT, so concurrent
 * deliveries share one WAL fsync (synchronous=FULL) and none is acknowledged before that commit
 * completes (DESIGN.md, Durability). Reads use a small pool of connections; WAL lets them run
 * beside the writer.
 */
public final class Database implements AutoCloseable {

    /** Work done inside a write transaction. */
    @FunctionalInterface
    public interface WriteWork<T> {
        T apply(WriteTx tx) throws SQLException;
    }

    /** Work done on a read connection. */
    @FunctionalInterface
    public interface ReadWork<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Work on a statement that a read connection prepared once and keeps (see {@link #query}). */
    @FunctionalInterface
    public interface QueryWork<T> {
        T apply(PreparedStatement ps) throws SQLException;
    }

    /** The handle given to write work: the connection plus what to do around the commit. */
    public static final class WriteTx {
        private final Connection connection;
        private final List<Path> syncDirs = new ArrayList<>();
        private final List<Runnable> afterCommit = new ArrayList<>();

        WriteTx(Connection connection) {
            this.connection = connection;
        }

        public Connection connection() {
            return connection;
        }

        /** This directory is fsync'd before the commit (a blob renamed into it). */
        public void syncBeforeCommit(Path dir) {
            syncDirs.add(dir);
        }

        /** Runs after the commit is durable (event notifications). */
        public void afterCommit(Runnable r) {
            afterCommit.add(r);
        }
    }

    private record Task<T>(WriteWork<T> work, CompletableFuture<T> result) {}

    private static final int MAX_BATCH = 256;
    private static final int READERS = 6;

    private final String url;
    private final Connection writer;
    private final BlockingQueue<Task<?>> queue = new LinkedBlockingQueue<>();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    /**
     * Statements kept by {@link #query}, per read connection. The outer map is filled in the
     * constructor and only read afterwards; each inner map is used only by the thread holding its
     * connection (handed over through {@link #readers}, which orders the accesses).
     */
    private final Map<Connection, Map<String, PreparedStatement>> prepared = new IdentityHashMap<>();
    private final Thread writerThread;
    private volatile boolean closed;

    public Database(Path file) {
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        try {
            this.writer = open(false);
            try (Statement st = writer.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
            }
            Migrations.run(writer);
            for (int i = 0; i < READERS; i++) {
                Connection r = open(true);
                readers.add(r);
                allReaders.add(r);
                prepared.put(r, new HashMap<>());
            }
        } catch (SQLException e) {
            throw new StoreException(StoreException.Kind.TEMPORARY, "cannot open database " + file + ": " + e.getMessage(), e);
        }
        writerThread = Thread.ofPlatform().name("store-writer").daemon(true).start(this::writeLoop);
    }

    private Connection open(boolean readOnly) throws SQLException {
        Properties p = new Properties();
        p.setProperty("busy_timeout", "30000");
        p.setProperty("foreign_keys", "true");
        // FULL: each commit fsyncs the WAL, so a 250 reply survives power loss, not just kill -9.
        p.setProperty("synchronous", "FULL");
        p.setProperty("journal_mode", "WAL");
        if (readOnly) {
            p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        }
        Connection c = DriverManager.getConnection(url, p);
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout=30000");
            st.execute("PRAGMA foreign_keys=ON");
            st.execute("PRAGMA synchronous=FULL");
            st.execute("PRAGMA cache_size=-16000");
            st.execute("PRAGMA temp_store=MEMORY");
        }
        return c;
    }

    /** Runs the work in the next group commit and returns once it is durable. */
    public <T> T write(WriteWork<T> work) {
        if (closed) {
            throw new StoreException(StoreException.Kind.TEMPORARY, "store is closed");
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        queue.add(new Task<>(work, f));
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Kind.TEMPORARY, "interrupted while waiting for the store");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof StoreException se) {
                throw se;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new StoreException(StoreException.Kind.TEMPORARY, "store write failed: " + c.getMessage(), c);
        }
    }

    public <T> T read(ReadWork<T> work) {
        Connection c;
        try {
            c = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Kind.TEMPORARY, "interrupted while waiting for the store");
        }
        try {
            return work.apply(c);
        } catch (SQLException e) {
            throw new StoreException(StoreException.Kind.TEMPORARY, "store read failed: " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    /**
     * Runs the work on a read connection's statement for this SQL, prepared at its first use and
     * kept for the next: for queries run once per message read (RETR of an inline message), where
     * preparing and finalizing the statement cost as much as running it. The work must close the
     * result sets it opens (that resets the statement, ending its read transaction); sql must be a
     * constant, as each distinct string keeps a statement on every read connection.
     */
    public <T> T query(String sql, QueryWork<T> work) {
        return read(c -> {
            Map<String, PreparedStatement> kept = prepared.get(c);
            PreparedStatement ps = kept.get(sql);
            if (ps == null) {
                ps = c.prepareStatement(sql);
                kept.put(sql, ps);
            }
            boolean ok = false;
            try {
                T result = work.apply(ps);
                ps.clearParameters();
                ok = true;
                return result;
            } finally {
                if (!ok) { // prepared afresh next time rather than reused in an unknown state
                    kept.remove(sql);
                    try {
                        ps.close();
                    } catch (SQLException ignored) {
                        // dropped anyway
                    }
                }
            }
        });
    }

    private void writeLoop() {
        List<Task<?>> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Task<?> first = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commitBatch(batch);
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            } catch (Throwable t) {
                for (Task<?> task : batch) {
                    task.result.completeExceptionally(t);
                }
            } finally {
                batch.clear();
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void commitBatch(List<Task<?>> batch) {
        List<Object> results = new ArrayList<>(batch.size());
        List<Boolean> ok = new ArrayList<>(batch.size());
        Set<Path> dirs = new LinkedHashSet<>();
        List<Runnable> after = new ArrayList<>();
        try (Statement st = writer.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            for (Task<?> task : batch) {
                WriteTx tx = new WriteTx(writer);
                st.execute("SAVEPOINT w");
                try {
                    results.add(task.work.apply(tx));
                    st.execute("RELEASE w");
                    ok.add(true);
                    dirs.addAll(tx.syncDirs);
                    after.addAll(tx.afterCommit);
                } catch (Throwable t) {
                    st.execute("ROLLBACK TO w");
                    st.execute("RELEASE w");
                    results.add(t);
                    ok.add(false);
                }
            }
            for (Path d : dirs) {
                BlobStore.syncDirectory(d);
            }
            st.execute("COMMIT");
        } catch (SQLException | IOException e) {
            try (Statement st = writer.createStatement()) {
                if (!writer.getAutoCommit()) {
                    writer.rollback();
                } else {
                    st.execute("ROLLBACK");
                }
            } catch (SQLException ignored) {
                // the transaction is gone either way
            }
            StoreException se = new StoreException(StoreException.Kind.TEMPORARY, "store commit failed: " + e.getMessage(), e);
            for (Task<?> task : batch) {
                task.result.completeExceptionally(se);
            }
            return;
        }
        for (Runnable r : after) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // notifications are best effort; the data is committed
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture f = batch.get(i).result;
            if (ok.get(i)) {
                f.complete(results.get(i));
            } else {
                Throwable t = (Throwable) results.get(i);
                f.completeExceptionally(t instanceof SQLException sql ? translate(sql) : t);
            }
        }
    }

    /** Maps SQLite errors to store error kinds (constraint violations are user errors). */
    static StoreException translate(SQLException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("UNIQUE constraint failed")) {
            return new StoreException(StoreException.Kind.ALREADY_EXISTS, "already exists", e);
        }
        if (m.contains("FOREIGN KEY constraint failed")) {
            return new StoreException(StoreException.Kind.INVALID, "still referenced", e);
        }
        return new StoreException(StoreException.Kind.TEMPORARY, "store error: " + m, e);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writerThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            writer.close();
            for (Connection r : allReaders) {
                for (PreparedStatement ps : prepared.get(r).values()) {
                    ps.close();
                }
                r.close();
            }
        } catch (SQLException e) {
            // closing anyway
        }
    }
}
