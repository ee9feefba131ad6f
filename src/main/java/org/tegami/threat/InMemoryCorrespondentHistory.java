package org.tegami.threat;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread-safe map-based {@link CorrespondentHistory}. A domain counts as "frequent" once we
 * have written to it at least once or received at least {@code frequentAfter} messages from it.
 */
public final class InMemoryCorrespondentHistory implements CorrespondentHistory {

    private final Map<String, Integer> receivedFrom = new ConcurrentHashMap<>();
    private final Map<String, Integer> receivedFromDomain = new ConcurrentHashMap<>();
    private final Map<String, Integer> sentTo = new ConcurrentHashMap<>();
    private final Map<String, Integer> sentToDomain = new ConcurrentHashMap<>();
    private final int frequentAfter;

    public InMemoryCorrespondentHistory() {
        this(3);
    }

    public InMemoryCorrespondentHistory(int frequentAfter) {
        this.frequentAfter = frequentAfter;
    }

    /** Records {@code count} messages received from an address. */
    public InMemoryCorrespondentHistory received(String address, int count) {
        String a = address.toLowerCase(Locale.ROOT);
        receivedFrom.merge(a, count, Integer::sum);
        String d = Domains.domainOf(a);
        if (d != null) {
            receivedFromDomain.merge(Domains.registrable(d), count, Integer::sum);
        }
        return this;
    }

    /** Records {@code count} messages our users sent to an address. */
    public InMemoryCorrespondentHistory sent(String address, int count) {
        String a = address.toLowerCase(Locale.ROOT);
        sentTo.merge(a, count, Integer::sum);
        String d = Domains.domainOf(a);
        if (d != null) {
            sentToDomain.merge(Domains.registrable(d), count, Integer::sum);
        }
        return this;
    }

    @Override
    public int receivedFrom(String address) {
        return address == null ? 0 : receivedFrom.getOrDefault(address.toLowerCase(Locale.ROOT), 0);
    }

    @Override
    public int receivedFromDomain(String domain) {
        return domain == null ? 0 : receivedFromDomain.getOrDefault(Domains.registrable(domain), 0);
    }

    @Override
    public int sentTo(String address) {
        return address == null ? 0 : sentTo.getOrDefault(address.toLowerCase(Locale.ROOT), 0);
    }

    @Override
    public int sentToDomain(String domain) {
        return domain == null ? 0 : sentToDomain.getOrDefault(Domains.registrable(domain), 0);
    }

    @Override
    public Set<String> frequentDomains(int limit) {
        Map<String, Integer> score = new java.util.HashMap<>();
        sentToDomain.forEach((d, n) -> score.merge(d, n * 3, Integer::sum));
        receivedFromDomain.forEach((d, n) -> {
            if (n >= frequentAfter || sentToDomain.containsKey(d)) {
                score.merge(d, n, Integer::sum);
            }
        });
        Set<String> out = new LinkedHashSet<>();
        score.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(e -> out.add(e.getKey()));
        return out;
    }

    @Override
    public boolean isEmpty() {
        return receivedFrom.isEmpty() && sentTo.isEmpty();
    }
}
