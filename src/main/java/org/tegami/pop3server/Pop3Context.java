package org.tegami.pop3server;

import java.time.Clock;
import org.tegami.config.AuthConfig;
import org.tegami.config.Pop3Config;
import org.tegami.directory.Directory;
import org.tegami.net.TlsContext;
import org.tegami.sasl.Mechanisms;
import org.tegami.store.BlobStore;
import org.tegami.store.MailStore;

/**
 * Everything a POP3 session needs, built once by the app and shared by all sessions.
 *
 * @param tls null when TLS is not available (then STLS is not offered)
 * @param maildrops the maildrop locks and login times shared by every session of this server
 */
public record Pop3Context(
        String hostname,
        Pop3Config config,
        AuthConfig auth,
        Directory directory,
        MailStore mail,
        BlobStore blobs,
        TlsContext tls,
        Mechanisms mechanisms,
        Maildrops maildrops,
        Clock clock) {}
