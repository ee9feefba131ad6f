package org.tegami.pipeline;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.Optional;
import org.tegami.directory.Directory;
import org.tegami.mime.Address;
import org.tegami.mime.AddressParser;
import org.tegami.mime.Headers;
import org.tegami.smtp.AddressException;
import org.tegami.smtp.MailAddress;
import org.tegami.store.Account;

/**
 * What a message submission agent does to mail from its own users (RFC 6409), for the
 * submission role only: the From: addresses must belong to the authenticated account (or it is a
 * relay account, --allow-any-sender), else 553 5.7.1 at the end of DATA; a missing Date: or
 * Message-ID: is added (RFC 6409 §8.2, §8.3), a missing From: becomes the account's address.
 */
public final class SubmissionStage implements Stage {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Directory directory;
    private final Clock clock;

    public SubmissionStage(Directory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "submission";
    }

    @Override
    public Outcome apply(InboundMessage m) {
        SessionInfo s = m.session();
        if (s.role() != Role.SUBMISSION || s.authUser() == null) {
            return null;
        }
        Optional<Account> me = directory.account(s.authUser());
        if (me.isEmpty()) {
            return Outcome.rejected(451, "4.7.0", "Account " + s.authUser() + " is no longer available");
        }
        Headers h = m.parsed().headers();
        String from = h.value("From");
        if (from == null) {
            m.prependHeader("From", "<" + me.get().address() + ">");
        } else if (!me.get().allowAnySender()) {
            for (Address a : AddressParser.parseList(from)) {
                if (a.address() == null) {
                    continue; // group markers
                }
                if (!owned(me.get(), a.address())) {
                    m.note("from-not-owned");
                    return Outcome.rejected(553, "5.7.1", "From: address <" + a.address() + "> is not owned by "
                            + me.get().address());
                }
            }
            if (AddressParser.parseFirst(from) == null) {
                return Outcome.rejected(553, "5.7.1", "From: header has no address owned by " + me.get().address());
            }
        }
        // Prepended fields end up above the others; the Received: stage runs later and goes on top.
        if (h.value("Message-ID") == null) {
            m.prependHeader("Message-ID", "<" + HexFormat.of().formatHex(randomBytes()) + "@" + s.localHostname() + ">");
        }
        if (h.value("Date") == null) {
            m.prependHeader("Date", ZonedDateTime.now(clock).format(ReceivedHeaderStage.RFC5322_DATE));
        }
        return null;
    }

    private boolean owned(Account me, String address) {
        try {
            return directory.maySendAs(me, MailAddress.parse(address));
        } catch (AddressException e) {
            return false;
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }
}
