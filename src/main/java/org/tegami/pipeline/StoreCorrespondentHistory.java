package org.tegami.pipeline;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tegami.store.CorrespondentStore;
import org.tegami.threat.CorrespondentHistory;

/**
 * The threat package's {@link CorrespondentHistory} over the store's {@link CorrespondentStore}.
 * The aggregate questions (frequent domains, "is there any history") are cached for a short
 * while; {@link #view()} gives one analysis a view that asks the store each address or domain
 * question at most once.
 */
public final class StoreCorrespondentHistory {

    /** A domain counts as frequent once written to, or received from this often (as InMemoryCorrespondentHistory). */
    static final int FREQUENT_AFTER = 3;

    private final CorrespondentStore store;
    private final Clock clock;
    private final long ttlMillis;
    private volatile Cached cached;

    private record Cached(List<CorrespondentStore.DomainCounts> frequent, boolean empty, long loadedAt) {}

    public StoreCorrespondentHistory(CorrespondentStore store, Clock clock, long ttlMillis) {
        this.store = store;
        this.clock = clock;
        this.ttlMillis = ttlMillis;
    }

    /** Forgets the cached aggregates (called after new observations are written). */
    public void invalidate() {
        cached = null;
    }

    /** A history for one analysis. */
    public CorrespondentHistory view() {
        return new View(aggregates());
    }

    private Cached aggregates() {
        Cached c = cached;
        long now = clock.millis();
        if (c == null || now - c.loadedAt() >= ttlMillis) {
            c = new Cached(store.frequentDomains(FREQUENT_AFTER, 200), store.isEmpty(), now);
            cached = c;
        }
        return c;
    }

    private final class View implements CorrespondentHistory {
        private final Cached aggregates;
        private final Map<String, CorrespondentStore.Counts> addresses = new HashMap<>();
        private final Map<String, CorrespondentStore.Counts> domains = new HashMap<>();

        View(Cached aggregates) {
            this.aggregates = aggregates;
        }

        private CorrespondentStore.Counts address(String a) {
            if (a == null || aggregates.empty()) {
                return CorrespondentStore.Counts.NONE;
            }
            return addresses.computeIfAbsent(a.toLowerCase(Locale.ROOT), store::address);
        }

        private CorrespondentStore.Counts domain(String d) {
            if (d == null || aggregates.empty()) {
                return CorrespondentStore.Counts.NONE;
            }
            return domains.computeIfAbsent(CorrespondentHistory.organization(d), store::domain);
        }

        @Override
        public int receivedFrom(String address) {
            return (int) Math.min(Integer.MAX_VALUE, address(address).received());
        }

        @Override
        public int receivedFromDomain(String domain) {
            return (int) Math.min(Integer.MAX_VALUE, domain(domain).received());
        }

        @Override
        public int sentTo(String address) {
            return (int) Math.min(Integer.MAX_VALUE, address(address).sent());
        }

        @Override
        public int sentToDomain(String domain) {
            return (int) Math.min(Integer.MAX_VALUE, domain(domain).sent());
        }

        @Override
        public Set<String> frequentDomains(int limit) {
            Set<String> out = new LinkedHashSet<>();
            for (CorrespondentStore.DomainCounts d : aggregates.frequent()) {
                if (out.size() >= limit) {
                    break;
                }
                out.add(d.domain());
            }
            return out;
        }

        @Override
        public boolean isEmpty() {
            return aggregates.empty();
        }
    }
}
