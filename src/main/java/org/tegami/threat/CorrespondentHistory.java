package org.tegami.threat;

import java.util.Set;

/**
 * What we know about past correspondence of the receiving organization, so first contact from a
 * new domain, or a lookalike of a partner's domain, can be recognised. The store implements it
 * from delivered and sent mail; {@link InMemoryCorrespondentHistory} serves tests and the CLI.
 * Addresses and domains are compared in lower case; domains are registrable domains.
 */
public interface CorrespondentHistory {

    /** Messages received before from this exact address. */
    int receivedFrom(String address);

    /** Messages received before from any address in this registrable domain. */
    int receivedFromDomain(String domain);

    /** Messages our users sent to this exact address. */
    int sentTo(String address);

    /** Messages our users sent to any address in this registrable domain. */
    int sentToDomain(String domain);

    /**
     * Registrable domains we correspond with regularly (that is what attackers imitate),
     * at most {@code limit}, most frequent first.
     */
    Set<String> frequentDomains(int limit);

    /**
     * True if there is no history at all (a new installation, or offline analysis without a
     * store): "first contact" findings are then meaningless and not raised.
     */
    boolean isEmpty();

    /**
     * The organizational (registrable) domain the domain methods take: "mail.example.co.jp" ->
     * "example.co.jp" (public suffix list; the last two labels under no known suffix). Stores
     * that implement this interface index domains by it.
     */
    static String organization(String domain) {
        return Domains.registrable(domain);
    }

    /** A history that knows nothing. */
    static CorrespondentHistory none() {
        return new InMemoryCorrespondentHistory();
    }
}
