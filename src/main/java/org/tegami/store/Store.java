package org.tegami.store;

/**
 * The storage of one Tegami: metadata (directory, mailboxes, queue) and message blobs. The
 * embedded default is SQLite + blob files in the data directory (store.sqlite); a PostgreSQL
 * implementation will satisfy the same interfaces and contract tests.
 */
public interface Store extends AutoCloseable {

    DirectoryStore directory();

    MailStore mail();

    /** The outbound queue (remote recipients and DSNs). */
    QueueStore queue();

    /** Messages held back by the threat check. */
    QuarantineStore quarantine();

    /** Who our users correspond with (threat check). */
    CorrespondentStore correspondents();

    BlobStore blobs();

    /** Certificates, OpenPGP keys, trust anchors and mail-crypto settings (issue 7). */
    KeyStore keys();

    @Override
    void close();
}
