package org.tegami.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Content-addressed message files: {@code blobs/ab/<sha256>}. Written as temp file -> fsync ->
 * atomic rename (DESIGN.md, Durability); the directory entry is made durable by the caller's
 * group commit via {@link Blob#directory()} before the metadata transaction commits, so one
 * directory fsync serves every blob of a batch.
 */
public final class BlobStore {

    /**
     * A stored blob. {@code directory} must be fsync'd before the blob is referenced durably. An
     * inline blob ({@code inline != null}) has no file: its bytes go into the database in the
     * same transaction that references them.
     */
    public record Blob(String sha256, long size, Path directory, byte[] inline) {

        public Blob(String sha256, long size, Path directory) {
            this(sha256, size, directory, null);
        }

        public boolean isInline() {
            return inline != null;
        }
    }

    /**
     * Messages up to this size are kept inside the database (ADR 0002): one WAL fsync then makes
     * a whole group of deliveries durable, instead of one file fsync per message. Larger ones
     * are files, where streaming and mmap pay off.
     */
    public static final int INLINE_MAX = 128 * 1024;

    /** Reads inline blobs from the database that holds them (null when unknown). */
    public interface InlineSource {
        byte[] read(String sha256);
    }

    private volatile InlineSource inlineSource = sha -> null;

    /** A blob id: SHA-256 in lower-case hex. Compiled once: path() runs for every message read. */
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    private final Path root;
    private final Path tmp;
    /**
     * Writers of new references (blob write -> commit) hold the read side; garbage collection
     * holds the write side while it deletes files, so it can never delete a file that a delivery
     * in flight has just found "already stored".
     */
    private final java.util.concurrent.locks.ReentrantReadWriteLock gcLock =
            new java.util.concurrent.locks.ReentrantReadWriteLock();

    public BlobStore(Path root) throws IOException {
        this.root = root;
        this.tmp = root.resolve("tmp");
        Files.createDirectories(tmp);
    }

    public Path root() {
        return root;
    }

    /** Held from writing a blob until the transaction referencing it has committed. */
    public java.util.concurrent.locks.Lock referenceLock() {
        return gcLock.readLock();
    }

    /** Held by garbage collection while it deletes blob files. */
    public java.util.concurrent.locks.Lock collectLock() {
        return gcLock.writeLock();
    }

    /** Writes the concatenation of the buffers as one blob, durably (file fsync'd). */
    public Blob write(List<ByteBuffer> pieces) throws IOException {
        MessageDigest sha = sha256();
        Path temp = tmp.resolve(UUID.randomUUID() + ".tmp");
        long size = 0;
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (ByteBuffer piece : pieces) {
                ByteBuffer b = piece.duplicate();
                sha.update(b.duplicate());
                size += b.remaining();
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        String hex = HexFormat.of().formatHex(sha.digest());
        Path target = path(hex);
        Path dir = target.getParent();
        Files.createDirectories(dir);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            // Same content stored before: identical bytes, keep the existing file.
            Files.deleteIfExists(temp);
        }
        return new Blob(hex, size, dir);
    }

    public Blob write(byte[] data) throws IOException {
        return write(List.of(ByteBuffer.wrap(data)));
    }

    /**
     * A blob for a metadata write to make durable: small content stays in memory and is stored
     * inline by that write; large content is written to a file now (as {@link #write}). Only
     * store code that persists {@link Blob#inline()} may use this.
     */
    public Blob prepare(byte[] data) throws IOException {
        if (data.length > INLINE_MAX) {
            return write(data);
        }
        return new Blob(HexFormat.of().formatHex(sha256().digest(data)), data.length, null, data);
    }

    /** Set by the store that keeps inline blobs. */
    public void inlineSource(InlineSource source) {
        this.inlineSource = source;
    }

    public Path path(String sha256) {
        if (!ID.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a blob id: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    public boolean exists(String sha256) {
        return Files.exists(path(sha256)) || inlineSource.read(sha256) != null;
    }

    /**
     * A blob's bytes when the database holds them, else null (the blob is a file, or unknown).
     * Every read asks the database first because most mail is inline (ADR 0002): trying the file
     * first cost every small message a failed open(2) and a NoSuchFileException (7% of a POP3
     * RETR's CPU), while a large message pays one indexed query that finds no inline bytes.
     */
    private byte[] inline(String sha256) {
        path(sha256); // validates the id before any lookup
        return inlineSource.read(sha256);
    }

    public byte[] read(String sha256) throws IOException {
        byte[] inline = inline(sha256);
        return inline != null ? inline : Files.readAllBytes(path(sha256));
    }

    /** The blob as a read-only buffer: mapped for large files, read into memory otherwise. */
    public ByteBuffer buffer(String sha256) throws IOException {
        byte[] inline = inline(sha256);
        if (inline != null) {
            return ByteBuffer.wrap(inline).asReadOnlyBuffer();
        }
        try (FileChannel ch = FileChannel.open(path(sha256), StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 256 * 1024) {
                ByteBuffer b = ByteBuffer.allocate((int) size);
                while (b.hasRemaining() && ch.read(b) >= 0) {
                    // loop until full
                }
                return b.flip().asReadOnlyBuffer();
            }
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
    }

    /** The blob as a channel to stream from. NoSuchFileException when it is unknown. */
    public java.nio.channels.ReadableByteChannel channel(String sha256) throws IOException {
        byte[] inline = inline(sha256);
        if (inline != null) {
            return java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(inline));
        }
        return FileChannel.open(path(sha256), StandardOpenOption.READ);
    }

    public InputStream open(String sha256) throws IOException {
        byte[] inline = inline(sha256);
        return inline != null ? new java.io.ByteArrayInputStream(inline) : Files.newInputStream(path(sha256));
    }

    public void delete(String sha256) throws IOException {
        try {
            Files.delete(path(sha256));
        } catch (NoSuchFileException e) {
            // already gone
        }
    }

    /** fsync a directory so a rename into it survives a crash. */
    public static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** Temp files older than the given age are leftovers of a crash mid-write. */
    public int removeStaleTemps(long olderThanMillis) throws IOException {
        int n = 0;
        long cutoff = System.currentTimeMillis() - olderThanMillis;
        try (var files = Files.list(tmp)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.getLastModifiedTime(p).toMillis() < cutoff) {
                    Files.deleteIfExists(p);
                    n++;
                }
            }
        }
        return n;
    }

    /** Every blob id on disk (for garbage collection of files the database does not know). */
    public List<String> list() throws IOException {
        List<String> out = new java.util.ArrayList<>();
        try (var dirs = Files.list(root)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                if (!Files.isDirectory(d) || d.getFileName().toString().length() != 2) {
                    continue;
                }
                try (var files = Files.list(d)) {
                    files.map(f -> f.getFileName().toString()).filter(n -> ID.matcher(n).matches()).forEach(out::add);
                }
            }
        }
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
