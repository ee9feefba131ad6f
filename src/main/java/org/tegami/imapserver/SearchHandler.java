package org.tegami.imapserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tegami.imap.Response;
import org.tegami.imap.SelectedCommand;
import org.tegami.imap.SelectedCommand.SearchReturn;
import org.tegami.imap.SequenceSet;

/**
 * SEARCH and UID SEARCH (RFC 9051 §6.4.4): the SEARCH response for IMAP4rev1 clients, ESEARCH
 * (RFC 4731) with RETURN or once IMAP4rev2 is enabled, SAVE for "$" (RFC 5182), and the MODSEQ of
 * the result under CONDSTORE (RFC 7162 §3.1.5).
 */
final class SearchHandler {

    private SearchHandler() {}

    static Response.Status search(ImapSession s, SelectedCommand.Search c) {
        SelectedMailbox sel = s.selected();
        SearchEvaluator eval = new SearchEvaluator(s, sel);
        int[] hits;
        try {
            hits = eval.run(c.key());
        } catch (RuntimeException e) {
            if (c.returns().contains(SearchReturn.SAVE)) {
                s.savedSearch = new long[0]; // RFC 5182 §2.1: a failed SEARCH empties "$"
            }
            throw e;
        }
        if (eval.usedModSeq) {
            EnableHandler.condstoreNow(s);
        }
        List<Long> numbers = new ArrayList<>(hits.length);
        for (int p : hits) {
            numbers.add(c.uid() ? sel.uid(p) : p + 1L);
        }
        reply(s, c.tag(), c.uid(), c.returns(), c.esearch(), numbers, hits, eval.usedModSeq, false);
        return Response.Status.ok(c.tag(), c.name() + " completed");
    }

    /**
     * Writes the result of SEARCH or SORT (whose numbers are in sort order): ESEARCH when asked
     * for (or IMAP4rev2), else SEARCH/SORT; and saves it for "$" when asked.
     *
     * @param hits the matching positions, in the same order as {@code numbers}
     */
    static void reply(ImapSession s, String tag, boolean uid, Set<SearchReturn> returns, boolean esearch,
            List<Long> numbers, int[] hits, boolean withModSeq, boolean sort) {
        SelectedMailbox sel = s.selected();
        boolean all = returns.isEmpty() || returns.contains(SearchReturn.ALL);
        boolean min = returns.contains(SearchReturn.MIN);
        boolean max = returns.contains(SearchReturn.MAX);
        boolean count = returns.contains(SearchReturn.COUNT);
        boolean onlySave = returns.equals(Set.of(SearchReturn.SAVE));
        if (onlySave) {
            all = true;
        } else if (returns.contains(SearchReturn.SAVE) && !returns.contains(SearchReturn.ALL) && !count
                && (min || max)) {
            all = false;
        }
        int first = hits.length == 0 ? -1 : sort ? 0 : indexOfMin(numbers);
        int last = hits.length == 0 ? -1 : sort ? hits.length - 1 : indexOfMax(numbers);
        if (returns.contains(SearchReturn.SAVE)) {
            save(s, sel, hits, all || count, min ? first : -1, max ? last : -1);
        }
        Long modSeq = null;
        if (withModSeq && hits.length > 0) {
            long m = 0;
            if (!esearch || all || count || (!min && !max)) {
                for (int p : hits) {
                    m = Math.max(m, sel.modSeq(p));
                }
            } else {
                m = Math.max(min ? sel.modSeq(hits[first]) : 0, max ? sel.modSeq(hits[last]) : 0);
            }
            modSeq = m;
        }
        boolean useEsearch = esearch || (s.rev2 && !sort);
        if (!useEsearch) {
            s.send(sort ? new Response.Sort(numbers, modSeq) : new Response.Search(numbers, modSeq));
            return;
        }
        if (onlySave) {
            return; // RFC 5182 §2.1: SAVE alone returns no ESEARCH
        }
        boolean allOut = returns.isEmpty() || returns.contains(SearchReturn.ALL);
        s.send(new Response.ESearch(tag, uid,
                min && first >= 0 ? numbers.get(first) : null,
                max && last >= 0 ? numbers.get(last) : null,
                allOut && !numbers.isEmpty() ? ordered(numbers, sort) : null,
                count ? (long) numbers.size() : null,
                modSeq));
    }

    /** RFC 5182 §2.1: the UIDs of the result, or only of MIN/MAX when those alone were asked for. */
    private static void save(ImapSession s, SelectedMailbox sel, int[] hits, boolean all, int first, int last) {
        List<Long> uids = new ArrayList<>();
        if (all) {
            for (int p : hits) {
                uids.add(sel.uid(p));
            }
        } else {
            if (first >= 0) {
                uids.add(sel.uid(hits[first]));
            }
            if (last >= 0 && last != first) {
                uids.add(sel.uid(hits[last]));
            }
        }
        s.savedSearch = uids.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static int indexOfMin(List<Long> numbers) {
        int best = 0;
        for (int i = 1; i < numbers.size(); i++) {
            if (numbers.get(i) < numbers.get(best)) {
                best = i;
            }
        }
        return best;
    }

    private static int indexOfMax(List<Long> numbers) {
        int best = 0;
        for (int i = 1; i < numbers.size(); i++) {
            if (numbers.get(i) > numbers.get(best)) {
                best = i;
            }
        }
        return best;
    }

    /** A compact set for SEARCH; for SORT, ranges only where the sort order runs upwards (RFC 5267 §3). */
    static SequenceSet ordered(List<Long> numbers, boolean keepOrder) {
        if (!keepOrder) {
            return SequenceSet.ofNumbers(numbers);
        }
        List<SequenceSet.Range> ranges = new ArrayList<>();
        long start = numbers.get(0);
        long prev = start;
        for (int i = 1; i < numbers.size(); i++) {
            long n = numbers.get(i);
            if (n == prev + 1) {
                prev = n;
                continue;
            }
            ranges.add(new SequenceSet.Range(start, prev));
            start = n;
            prev = n;
        }
        ranges.add(new SequenceSet.Range(start, prev));
        return new SequenceSet(ranges, false);
    }
}
