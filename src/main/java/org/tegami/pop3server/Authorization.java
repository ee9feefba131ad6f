package org.tegami.pop3server;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.tegami.directory.Directory;
import org.tegami.sasl.SaslBackend;
import org.tegami.store.Account;
import org.tegami.store.Mailbox;
import org.tegami.store.StoreException;

/**
 * RFC 1939 §7 USER/PASS and the end of every login (also AUTH): the shared throttle, LOGIN-DELAY,
 * the exclusive maildrop lock, loading the listing.
 */
final class Authorization {

    private final Pop3Session s;

    Authorization(Pop3Session s) {
        this.s = s;
    }

    void user(Pop3Command.User u) throws IOException, Pop3Failure {
        if (!s.loginAllowed()) {
            // Refused at USER, so a client never sends the password in the clear (RFC 2595 §2.3).
            throw new Pop3Failure(ResponseCode.AUTH, "Plaintext authentication is disallowed without TLS; use STLS first");
        }
        s.pendingUser = u.name();
        s.state = Pop3State.USER_GIVEN;
        // The same reply for every name: no user enumeration.
        s.reply(Pop3Reply.ok("Send your password"));
    }

    void pass(Pop3Command.Pass p) throws IOException, Pop3Failure {
        String user = s.pendingUser;
        s.pendingUser = null;
        s.state = Pop3State.AUTHORIZATION;
        Directory dir = s.ctx.directory();
        SaslBackend.Verdict v = dir.checkPassword(s.conn.remoteAddress(), user, p.password());
        switch (v) {
            case OK -> complete(user);
            case LOCKED -> failed(user, "locked");
            case BAD -> failed(user, "bad_credentials");
        }
    }

    /** Records a failed login (fail2ban-parsable line), waits out the throttle's delay, then fails. */
    void failed(String user, String reason) throws Pop3Failure {
        Directory dir = s.ctx.directory();
        Duration delay = dir.authFailed(s.conn.remoteAddress(), "pop3", user, reason);
        if (reason.equals("locked")) {
            throw new Pop3Failure(ResponseCode.AUTH, "Too many failed logins, try again later");
        }
        sleep(delay);
        throw new Pop3Failure(ResponseCode.AUTH, "Authentication failed");
    }

    /**
     * The credentials are good: apply LOGIN-DELAY (RFC 2449 §8.1.1), take the maildrop lock
     * (RFC 1939 §8; [IN-USE] RFC 2449 §8.1.1 if another session has it), load the listing.
     */
    void complete(String user) throws IOException, Pop3Failure {
        Optional<Account> found = s.ctx.directory().authSucceeded(s.conn.remoteAddress(), "pop3", user);
        if (found.isEmpty() || found.get().disabled()) {
            throw new Pop3Failure(ResponseCode.AUTH, "Authentication failed");
        }
        Account account = found.get();
        Maildrops maildrops = s.ctx.maildrops();
        long now = s.ctx.clock().millis();
        long wait = maildrops.loginWait(account.id(), now, s.ctx.config().loginDelay().toMillis());
        if (wait > 0) {
            throw new Pop3Failure(ResponseCode.LOGIN_DELAY, "Minimum time between logins is "
                    + s.ctx.config().loginDelay().toSeconds() + " seconds; try again in " + (wait + 999) / 1000 + " seconds");
        }
        if (!maildrops.tryLock(account.id(), s.conn.id())) {
            throw new Pop3Failure(ResponseCode.IN_USE, "Maildrop is locked by another POP3 session");
        }
        Maildrop m;
        try {
            Mailbox inbox = s.ctx.mail().mailbox(account.id(), Mailbox.INBOX).orElseThrow(() ->
                    new StoreException(StoreException.Kind.NOT_FOUND, "the account has no INBOX"));
            m = Maildrop.open(s.ctx.mail(), inbox);
        } catch (RuntimeException e) {
            maildrops.unlock(account.id(), s.conn.id());
            throw e;
        }
        maildrops.recordLogin(account.id(), now);
        s.enterTransaction(account, m);
        s.reply(Pop3Reply.ok("Logged in, maildrop has " + m.visibleCount() + " messages (" + m.visibleOctets() + " octets)"));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
