package org.tegami.store;

import java.util.List;

/**
 * Who our users correspond with, per account: messages received from an address (accepted
 * inbound mail) and sent to it (submitted mail). The threat check reads it to tell a known
 * partner from a first contact or a lookalike. Addresses are lower case; each carries its
 * organizational domain, computed by the caller.
 */
public interface CorrespondentStore {

    /** One message seen: received from, or sent to, {@code address} by the account. */
    record Observation(long accountId, String address, String domain, boolean sent) {}

    /** Message counts over all accounts. */
    record Counts(long received, long sent) {
        public static final Counts NONE = new Counts(0, 0);
    }

    /** A domain and its counts over all accounts. */
    record DomainCounts(String domain, long received, long sent) {}

    /** Adds the observations (one message each) in one transaction. */
    void record(List<Observation> observations, long now);

    /** Counts for one address, over all accounts. */
    Counts address(String address);

    /** Counts for every address of one organizational domain, over all accounts. */
    Counts domain(String domain);

    /**
     * Domains written to at least once or received from at least {@code minReceived} times, most
     * active first (a message sent counts three times), at most {@code limit}.
     */
    List<DomainCounts> frequentDomains(int minReceived, int limit);

    /** True if nothing has been recorded yet. */
    boolean isEmpty();
}
