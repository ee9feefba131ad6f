package org.tegami.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Callable;
import org.tegami.mime.MimeLimits;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.mime.StructureCodec;
import org.tegami.store.BlobStore;
import org.tegami.store.QueueStore;

/**
 * Turns message bytes into queue entries: the blob is written and fsync'd, its structure parsed
 * once, and the entry handed to the store, all while the blob store's reference lock is held, so
 * garbage collection cannot remove the blob between its write and the commit that references it
 * (DESIGN.md, Durability).
 */
final class Spool {

    private final BlobStore blobs;

    Spool(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** Runs work that writes blobs and commits references to them. */
    <T> T locked(Callable<T> work) throws Exception {
        blobs.referenceLock().lock();
        try {
            return work.call();
        } finally {
            blobs.referenceLock().unlock();
        }
    }

    /** Writes the bytes as a blob and describes the entry; call inside {@link #locked}. */
    QueueStore.Enqueue prepare(byte[] content, String sender, String envid, String ret, boolean smtpUtf8,
            String origin, List<QueueStore.NewRecipient> recipients, long now) throws IOException {
        BlobStore.Blob blob = blobs.write(content);
        ParsedMessage parsed = MimeParser.parse(ByteBuffer.wrap(content), MimeLimits.DEFAULT);
        byte[] structure = StructureCodec.encode(parsed.root(), parsed.envelope());
        QueueStore.NewMessage m = new QueueStore.NewMessage(blob, structure, sender, envid, ret, smtpUtf8,
                has8bit(content), origin, now);
        return new QueueStore.Enqueue(m, recipients, now);
    }

    static boolean has8bit(byte[] b) {
        for (byte x : b) {
            if (x < 0) {
                return true;
            }
        }
        return false;
    }

    byte[] read(String sha256) throws IOException {
        return blobs.read(sha256);
    }
}
