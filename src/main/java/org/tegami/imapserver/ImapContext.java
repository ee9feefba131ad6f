package org.tegami.imapserver;

import java.time.Clock;
import org.tegami.config.AuthConfig;
import org.tegami.config.ImapConfig;
import org.tegami.directory.Directory;
import org.tegami.imap.ImapLimits;
import org.tegami.net.TlsContext;
import org.tegami.sasl.Mechanisms;
import org.tegami.store.BlobStore;
import org.tegami.store.MailStore;

/**
 * What every IMAP session shares: configuration, the account directory (authentication and its
 * throttle), the mail store and blobs, TLS, the SASL mechanisms, and the per-process helpers that
 * let sessions see each other's changes cheaply.
 *
 * @param tls the server certificate for STARTTLS, or null when none is configured
 * @param appendForm what an APPENDed message is stored as (encryption at rest)
 */
record ImapContext(
        String hostname,
        ImapConfig config,
        AuthConfig auth,
        Directory directory,
        MailStore store,
        BlobStore blobs,
        TlsContext tls,
        Mechanisms mechanisms,
        Clock clock,
        ChangeFeed feed,
        RecentClaims recent,
        WriteWatchdog watchdog,
        ImapLimits limits,
        AppendForm appendForm) {}
