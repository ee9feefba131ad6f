package org.tegami.admin;

import java.net.IDN;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tegami.config.TegamiConfig;
import org.tegami.directory.CredentialFactory;
import org.tegami.directory.Directory;
import org.tegami.directory.PasswordHasher;
import org.tegami.smtp.AddressException;
import org.tegami.smtp.MailAddress;
import org.tegami.store.Account;
import org.tegami.store.Alias;
import org.tegami.store.Mailbox;
import org.tegami.store.MailboxStatus;
import org.tegami.store.Store;
import org.tegami.store.StoreException;

/**
 * The operations behind the admin CLI (and later a web page): validated, canonicalised, and
 * written straight to the store, so a running server sees them at once.
 */
public final class Admin {

    private final Store store;
    private final TegamiConfig config;
    private final CredentialFactory credentials;

    public Admin(Store store, TegamiConfig config) {
        SecureRandom random = new SecureRandom();
        this.store = store;
        this.config = config;
        this.credentials = new CredentialFactory(new PasswordHasher(random), random);
    }

    /** Validates a domain name and returns its canonical (lower-case A-label) form. */
    public static String canonicalDomain(String input) {
        String d = input.strip().toLowerCase(Locale.ROOT);
        try {
            MailAddress.parse("postmaster@" + d);
            return IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (AddressException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid domain name \"" + input + "\"");
        }
    }

    public String addDomain(String input) {
        String d = canonicalDomain(input);
        store.directory().addDomain(d);
        return d;
    }

    public boolean removeDomain(String input) {
        return store.directory().removeDomain(canonicalDomain(input));
    }

    public List<String> domains() {
        return store.directory().domains();
    }

    /** Creates an account; the password is checked for length and hashed (Argon2id + SCRAM). */
    public Account addUser(String address, String displayName, String password, boolean allowAnySender) {
        String a = Directory.canonical(address);
        if (displayName != null && (displayName.indexOf('\n') >= 0 || displayName.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("display name must be one line");
        }
        requireLocalDomain(a);
        return store.directory().addAccount(a, displayName, credentials.create(password, config.auth().cramMd5()),
                allowAnySender);
    }

    public void setPassword(String address, String password) {
        String a = Directory.canonical(address);
        store.directory().setCredentials(a, credentials.create(password, config.auth().cramMd5()));
    }

    public void setDisplayName(String address, String name) {
        store.directory().setDisplayName(Directory.canonical(address), name);
    }

    public void setQuota(String address, long bytes) {
        store.directory().setQuota(Directory.canonical(address), bytes);
    }

    public boolean removeUser(String address) {
        return store.directory().removeAccount(Directory.canonical(address));
    }

    public List<Account> users(String domainOrNull) {
        return store.directory().accounts(domainOrNull == null ? null : canonicalDomain(domainOrNull));
    }

    public String generatePassword() {
        return credentials.generatePassword();
    }

    /**
     * Adds an alias. The source is "local@domain" or "@domain" (catch-all) of a local domain; the
     * target is any address (a remote one forwards).
     */
    public Alias addAlias(String source, String target) {
        String src = canonicalAliasSource(source);
        String tgt = Directory.canonical(target);
        store.directory().addAlias(src, tgt);
        return new Alias(src, tgt);
    }

    public boolean removeAlias(String source, String target) {
        return store.directory().removeAlias(canonicalAliasSource(source), target == null ? null : Directory.canonical(target));
    }

    public List<Alias> aliases(String domainOrNull) {
        return store.directory().aliases(domainOrNull == null ? null : canonicalDomain(domainOrNull));
    }

    private String canonicalAliasSource(String source) {
        String s = source.strip();
        String canonical = s.startsWith("@") ? "@" + canonicalDomain(s.substring(1)) : Directory.canonical(s);
        requireLocalDomain(canonical);
        return canonical;
    }

    private void requireLocalDomain(String address) {
        String domain = address.substring(address.lastIndexOf('@') + 1);
        if (!store.directory().isLocalDomain(domain)) {
            throw new StoreException(StoreException.Kind.NOT_FOUND,
                    "domain " + domain + " is not a local domain; add it first with: tegami domain add " + domain);
        }
    }

    /** Status of every mailbox of an account, INBOX first. */
    public List<MailboxStatus> mailboxStatus(String address) {
        String a = Directory.canonical(address);
        Account acct = store.directory().account(a)
                .orElseThrow(() -> new StoreException(StoreException.Kind.NOT_FOUND, "no account " + a));
        List<MailboxStatus> out = new ArrayList<>();
        for (Mailbox mb : store.mail().mailboxes(acct.id())) {
            out.add(store.mail().status(mb.id()));
        }
        return out;
    }
}
