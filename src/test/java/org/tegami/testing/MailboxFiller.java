package org.tegami.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tegami.mime.MimeLimits;
import org.tegami.mime.MimeParser;
import org.tegami.mime.ParsedMessage;
import org.tegami.mime.StructureCodec;
import org.tegami.store.BlobStore;
import org.tegami.store.ContentIndex;
import org.tegami.store.Delivery;
import org.tegami.store.Store;

/**
 * Fills a mailbox quickly through the store API, as delivery does (structure and search index
 * computed, blobs inline), many messages per transaction: for tests and benchmarks that need
 * thousands of messages without thousands of SMTP sessions.
 */
public final class MailboxFiller {

    private static final String[] WORDS = {"meeting", "invoice", "report", "lunch", "project", "deadline", "budget",
        "review", "travel", "holiday", "contract", "design", "release", "server", "backup", "security", "update",
        "question", "answer", "welcome", "garden", "coffee", "concert", "football", "recipe", "weather"};

    private MailboxFiller() {}

    /** A realistic text message of about {@code size} bytes, numbered n. */
    public static byte[] message(int n, int size, Random random) {
        StringBuilder sb = new StringBuilder(size + 512);
        sb.append("Return-Path: <sender").append(n % 97).append("@remote.test>\r\n");
        sb.append("Received: from mx.remote.test ([192.0.2.").append(n % 250 + 1).append("])\r\n\tby mx.example.test (Tegami) with ESMTP id b").append(n).append("\r\n");
        sb.append("From: Sender ").append(n % 97).append(" <sender").append(n % 97).append("@remote.test>\r\n");
        sb.append("To: User <user@example.test>\r\n");
        sb.append("Subject: ").append(n % 7 == 0 ? "Re: " : "").append(WORDS[n % WORDS.length]).append(' ')
                .append(WORDS[(n / 3) % WORDS.length]).append(" #").append(n).append("\r\n");
        sb.append("Date: ").append(String.format(java.util.Locale.ROOT, "%s, %02d Mar 2024 %02d:%02d:%02d +0100",
                new String[] {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}[n % 7], 1 + n % 28, n % 24, n % 60,
                (n * 7) % 60)).append("\r\n");
        sb.append("Message-ID: <m").append(n).append("@remote.test>\r\n");
        if (n % 7 == 0 && n > 0) {
            sb.append("In-Reply-To: <m").append(n - 1).append("@remote.test>\r\n");
            sb.append("References: <m").append(n - 1).append("@remote.test>\r\n");
        }
        sb.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        int line = 0;
        while (sb.length() < size) {
            sb.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            if (++line % 12 == 0) {
                sb.append("\r\n");
            }
        }
        sb.append("\r\nmessage number ").append(n).append("\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Internal date of generated message n (epoch ms): one a minute from November 2023. */
    public static long date(int n) {
        return 1_700_000_000_000L + n * 60_000L;
    }

    /** Generated message n is \Seen when n is a multiple of 3. */
    public static boolean seen(int n) {
        return n % 3 == 0;
    }

    /** Generated message n: the same bytes whoever asks (seeded by n). */
    public static byte[] message(int n, int size) {
        return message(n, size, new Random(n));
    }

    /** Stores {@code count} generated messages in the mailbox, {@code batch} per transaction. */
    public static void fill(Store store, long mailboxId, int first, int count, int size, int batch) {
        for (int done = 0; done < count; done += batch) {
            List<Delivery> deliveries = new ArrayList<>();
            for (int i = done; i < Math.min(count, done + batch); i++) {
                int n = first + i;
                deliveries.add(delivery(store, mailboxId, message(n, size), seen(n) ? 1 : 0, date(n)));
            }
            store.mail().deliverAll(deliveries);
        }
    }

    public static Delivery delivery(Store store, long mailboxId, byte[] bytes, int flags, long internalDate) {
        ParsedMessage parsed = MimeParser.parse(ByteBuffer.wrap(bytes), MimeLimits.DEFAULT);
        try {
            BlobStore.Blob blob = store.blobs().prepare(bytes);
            return new Delivery(blob, StructureCodec.encode(parsed.root(), parsed.envelope()), List.of(mailboxId),
                    flags, "", internalDate, 0, ContentIndex.of(ByteBuffer.wrap(bytes), parsed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
