package org.tegami.store;

import java.util.List;
import java.util.Optional;

/**
 * Domains, accounts and aliases. Addresses are given in canonical form (lower-case
 * local@ascii-domain); the directory package canonicalises user input before calling.
 */
public interface DirectoryStore {

    void addDomain(String domain);

    /** Removes a domain that has no accounts; false if it did not exist. */
    boolean removeDomain(String domain);

    List<String> domains();

    boolean isLocalDomain(String domain);

    /** Creates the account and its default mailboxes (INBOX, Drafts, Sent, Trash, Junk, Archive). */
    Account addAccount(String address, String displayName, Credentials credentials, boolean allowAnySender);

    Optional<Account> account(String address);

    Optional<Account> accountById(long id);

    List<Account> accounts(String domainOrNull);

    void setCredentials(String address, Credentials credentials);

    void setDisplayName(String address, String displayName);

    void setQuota(String address, long quotaBytes);

    boolean removeAccount(String address);

    void addAlias(String source, String target);

    boolean removeAlias(String source, String target);

    /** Targets of an exact alias source ("local@domain" or "@domain"). */
    List<String> aliasTargets(String source);

    /** All aliases, optionally of one domain. */
    List<Alias> aliases(String domainOrNull);
}
