package org.tegami.directory;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tegami.sasl.CramMd5Secret;
import org.tegami.sasl.SaslBackend;
import org.tegami.sasl.ScramKeys;
import org.tegami.smtp.AddressException;
import org.tegami.smtp.MailAddress;
import org.tegami.store.Account;
import org.tegami.store.DirectoryStore;

/**
 * Accounts and aliases as every protocol sees them: recipient resolution (aliases, catch-all,
 * subaddresses, postmaster) and authentication with the shared throttle. Reads go to the store on
 * every call, so admin commands take effect in a running server at once.
 */
public final class Directory {

    private static final Logger AUTH_LOG = LoggerFactory.getLogger("tegami.auth");
    private static final int MAX_ALIAS_DEPTH = 10;
    private static final int MAX_EXPANSION = 1000;
    /** How long a successful Argon2id verification is remembered (Dovecot's auth cache, in memory). */
    private static final long VERIFIED_TTL_MILLIS = 5 * 60 * 1000;

    private final DirectoryStore store;
    private final PasswordHasher hasher;
    private final AuthThrottle throttle;
    private final String recipientDelimiter;
    private final Clock clock;
    private final byte[] cacheKey;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    /** Local parts every local domain accepts without an account (e.g. the DMARC report address). */
    private final java.util.Set<String> serviceLocalParts;

    private record Verified(String passwordHash, byte[] passwordMac, long expires) {}

    public Directory(DirectoryStore store, PasswordHasher hasher, AuthThrottle throttle, String recipientDelimiter,
            Clock clock, byte[] cacheKey) {
        this(store, hasher, throttle, recipientDelimiter, clock, cacheKey, java.util.Set.of());
    }

    /**
     * @param serviceLocalParts local parts (lower case) that every local domain accepts even
     *     without an account or alias: the message is taken for the server itself (a stage such as
     *     the DMARC report intake handles it) and stored nowhere unless an alias or account exists
     */
    public Directory(DirectoryStore store, PasswordHasher hasher, AuthThrottle throttle, String recipientDelimiter,
            Clock clock, byte[] cacheKey, java.util.Set<String> serviceLocalParts) {
        this.serviceLocalParts = java.util.Set.copyOf(serviceLocalParts);
        this.store = store;
        this.hasher = hasher;
        this.throttle = throttle;
        this.recipientDelimiter = recipientDelimiter;
        this.clock = clock;
        this.cacheKey = cacheKey.clone();
    }

    public DirectoryStore store() {
        return store;
    }

    public AuthThrottle throttle() {
        return throttle;
    }

    /** Canonical form of user input: lower-case local@ascii-domain; IllegalArgumentException if invalid. */
    public static String canonical(String address) {
        try {
            return MailAddress.parse(address.strip()).key();
        } catch (AddressException e) {
            throw new IllegalArgumentException("invalid address \"" + address + "\": " + e.getMessage());
        }
    }

    public boolean isLocalDomain(String asciiDomain) {
        return store.isLocalDomain(asciiDomain.toLowerCase(Locale.ROOT));
    }

    public Optional<Account> account(String address) {
        return store.account(address.toLowerCase(Locale.ROOT));
    }

    /** Resolves a recipient through aliases, subaddress, catch-all and postmaster. */
    public Resolution resolve(MailAddress rcpt) {
        String domain = rcpt.asciiDomain();
        if (rcpt.isAddressLiteral() || !isLocalDomain(domain)) {
            return new Resolution.Remote();
        }
        Map<Long, Account> accounts = new LinkedHashMap<>();
        Map<String, MailAddress> forwards = new LinkedHashMap<>();
        boolean found = expand(rcpt.key(), 0, new ArrayList<>(), accounts, forwards);
        if (!found && rcpt.localPart().equalsIgnoreCase("postmaster")) {
            // RFC 5321 §4.5.1: postmaster must exist for every domain; without an explicit account or
            // alias it reaches the domain's first account.
            List<Account> all = store.accounts(domain);
            if (!all.isEmpty()) {
                accounts.put(all.get(0).id(), all.get(0));
                found = true;
            }
        }
        if (!found && serviceLocalParts.contains(rcpt.localPart().toLowerCase(Locale.ROOT))) {
            return new Resolution.Local(List.of(), List.of()); // for the server itself
        }
        if (!found || (accounts.isEmpty() && forwards.isEmpty())) {
            return new Resolution.UnknownUser();
        }
        return new Resolution.Local(new ArrayList<>(accounts.values()), new ArrayList<>(forwards.values()));
    }

    private boolean expand(String address, int depth, List<String> path, Map<Long, Account> accounts,
            Map<String, MailAddress> forwards) {
        if (depth > MAX_ALIAS_DEPTH || accounts.size() + forwards.size() > MAX_EXPANSION) {
            return false;
        }
        List<String> targets = store.aliasTargets(address);
        if (!targets.isEmpty()) {
            path.add(address);
            for (String t : targets) {
                expandTarget(t, depth, path, accounts, forwards);
            }
            path.remove(path.size() - 1);
            return true;
        }
        Optional<Account> acct = store.account(address);
        if (acct.isPresent()) {
            if (!acct.get().disabled()) {
                accounts.put(acct.get().id(), acct.get());
            }
            return true;
        }
        int at = address.lastIndexOf('@');
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (!recipientDelimiter.isEmpty()) {
            int d = local.indexOf(recipientDelimiter);
            if (d > 0) {
                return expand(local.substring(0, d) + "@" + domain, depth + 1, path, accounts, forwards);
            }
        }
        List<String> catchAll = store.aliasTargets("@" + domain);
        if (!catchAll.isEmpty() && !path.contains("@" + domain)) {
            path.add("@" + domain);
            for (String t : catchAll) {
                expandTarget(t, depth, path, accounts, forwards);
            }
            path.remove(path.size() - 1);
            return true;
        }
        return false;
    }

    private void expandTarget(String target, int depth, List<String> path, Map<Long, Account> accounts,
            Map<String, MailAddress> forwards) {
        MailAddress t;
        try {
            t = MailAddress.parse(target);
        } catch (AddressException e) {
            return; // a broken alias target is skipped, not fatal
        }
        if (!isLocalDomain(t.asciiDomain())) {
            forwards.putIfAbsent(t.key(), t);
            return;
        }
        if (path.contains(t.key())) {
            // A loop back to an address already expanded: it means "keep a copy" for a real account.
            store.account(t.key()).filter(a -> !a.disabled()).ifPresent(a -> accounts.put(a.id(), a));
            return;
        }
        expand(t.key(), depth + 1, path, accounts, forwards);
    }

    /**
     * Whether an account may use this sender address (MAIL FROM and From:): its own address, its
     * subaddresses and aliases that reach it, or anything for a relay account (--allow-any-sender).
     */
    public boolean maySendAs(Account me, MailAddress sender) {
        if (me.allowAnySender() || sender.key().equals(me.address())) {
            return true;
        }
        Resolution r = resolve(sender);
        return r instanceof Resolution.Local l && l.accounts().stream().anyMatch(a -> a.id() == me.id());
    }

    /** The SASL backend for one client connection: applies and feeds the shared throttle. */
    public SaslBackend saslBackend(InetAddress client, String protocol) {
        return new SessionBackend(client, protocol);
    }

    /**
     * Verifies a password for a user with the lockout rules; for protocols' own plain commands
     * (IMAP LOGIN, POP3 USER/PASS) as well as SASL PLAIN/LOGIN.
     */
    public SaslBackend.Verdict checkPassword(InetAddress client, String user, String password) {
        String key = user.toLowerCase(Locale.ROOT);
        if (throttle.ipLocked(client) || throttle.accountLocked(key, client)) {
            return SaslBackend.Verdict.LOCKED;
        }
        Optional<Account> acct = store.account(key);
        if (acct.isEmpty() || acct.get().disabled()) {
            // Spend the same work as a real check so timing does not reveal unknown users.
            hasher.verify(password, DUMMY_HASH);
            return SaslBackend.Verdict.BAD;
        }
        String phc = acct.get().credentials().passwordHash();
        byte[] mac = mac(password);
        Verified v = verified.get(key);
        if (v != null && v.expires > clock.millis() && v.passwordHash.equals(phc)
                && MessageDigest.isEqual(v.passwordMac, mac)) {
            return SaslBackend.Verdict.OK;
        }
        if (!hasher.verify(password, phc)) {
            return SaslBackend.Verdict.BAD;
        }
        verified.put(key, new Verified(phc, mac, clock.millis() + VERIFIED_TTL_MILLIS));
        return SaslBackend.Verdict.OK;
    }

    /** Records the outcome of a whole authentication exchange; returns the delay for a failure reply. */
    public java.time.Duration authFailed(InetAddress client, String protocol, String user, String reason) {
        String u = user == null ? "-" : sanitize(user);
        AUTH_LOG.warn("auth failure: proto={} ip={} user={} reason={}", protocol, client.getHostAddress(), u, reason);
        return throttle.recordFailure(client, user == null ? null : user.toLowerCase(Locale.ROOT));
    }

    /** Records a success; returns the account (resolved by canonical address). */
    public Optional<Account> authSucceeded(InetAddress client, String protocol, String user) {
        String key = user.toLowerCase(Locale.ROOT);
        throttle.recordSuccess(client, key);
        AUTH_LOG.info("auth success: proto={} ip={} user={}", protocol, client.getHostAddress(), sanitize(key));
        return store.account(key);
    }

    private byte[] mac(String password) {
        try {
            javax.crypto.Mac m = javax.crypto.Mac.getInstance("HmacSHA256");
            m.init(new javax.crypto.spec.SecretKeySpec(cacheKey, "HmacSHA256"));
            return m.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** User names go into logs: strip anything that could forge a log line. */
    static String sanitize(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 128; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f || c == ' ' ? '?' : c);
        }
        return sb.toString();
    }

    /** A valid hash of a random password, verified against when the user does not exist. */
    private static final String DUMMY_HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$9sTbSlTio3Biev89thdrlKKiCaYsjjYVJxGAL3swxpQ";

    private final class SessionBackend implements SaslBackend {
        private final InetAddress client;

        SessionBackend(InetAddress client, String protocol) {
            this.client = client;
        }

        @Override
        public Verdict checkPassword(String user, String password) {
            return Directory.this.checkPassword(client, user, password);
        }

        @Override
        public Optional<ScramKeys> scramKeys(String user) {
            return store.account(user.toLowerCase(Locale.ROOT)).filter(a -> !a.disabled())
                    .map(a -> ScramKeys.decode(a.credentials().scramSha256()));
        }

        @Override
        public Optional<CramMd5Secret> cramMd5Secret(String user) {
            return store.account(user.toLowerCase(Locale.ROOT)).filter(a -> !a.disabled())
                    .map(a -> CramMd5Secret.decode(a.credentials().cramMd5()));
        }

        @Override
        public boolean locked(String user) {
            return throttle.ipLocked(client) || throttle.accountLocked(user.toLowerCase(Locale.ROOT), client);
        }
    }
}
