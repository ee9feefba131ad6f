package org.tegami.imapserver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.tegami.imap.Response;
import org.tegami.imap.SelectedCommand;
import org.tegami.imap.SelectedCommand.SortCriterion;
import org.tegami.store.MessageKeys;

/**
 * SORT and UID SORT (RFC 5256 §3) with DISPLAYFROM/DISPLAYTO (RFC 5957) and ESORT return options
 * (RFC 5267). The keys (base subject, first addresses, sent date) were computed at delivery; the
 * sequence number breaks ties (RFC 5256 §3).
 */
final class SortHandler {

    private SortHandler() {}

    static Response.Status sort(ImapSession s, SelectedCommand.Sort c) {
        SelectedMailbox sel = s.selected();
        SearchEvaluator eval = new SearchEvaluator(s, sel);
        int[] hits = eval.run(c.key());
        MessageKeys[] keys = new MessageKeys[sel.size()];
        for (int p : hits) {
            keys[p] = eval.keys(p);
        }
        Integer[] order = new Integer[hits.length];
        for (int i = 0; i < hits.length; i++) {
            order[i] = hits[i];
        }
        Comparator<Integer> cmp = null;
        for (SortCriterion sc : c.criteria()) {
            Comparator<Integer> one = comparator(sc.key(), keys);
            if (sc.reverse()) {
                one = one.reversed();
            }
            cmp = cmp == null ? one : cmp.thenComparing(one);
        }
        Comparator<Integer> bySeq = Comparator.naturalOrder();
        Arrays.sort(order, cmp == null ? bySeq : cmp.thenComparing(bySeq));
        List<Long> numbers = new ArrayList<>(order.length);
        int[] sorted = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            sorted[i] = order[i];
            numbers.add(c.uid() ? sel.uid(order[i]) : order[i] + 1L);
        }
        if (eval.usedModSeq) {
            EnableHandler.condstoreNow(s);
        }
        SearchHandler.reply(s, c.tag(), c.uid(), c.returns(), c.esearch(), numbers, sorted, eval.usedModSeq, true);
        return Response.Status.ok(c.tag(), c.name() + " completed");
    }

    private static Comparator<Integer> comparator(SelectedCommand.SortKey key, MessageKeys[] k) {
        return switch (key) {
            case ARRIVAL -> Comparator.comparingLong(p -> k[p].internalDate());
            case DATE -> Comparator.comparingLong(p -> sentDate(k[p]));
            case SIZE -> Comparator.comparingLong(p -> k[p].size());
            case SUBJECT -> Comparator.comparing(p -> k[p].subject());
            case FROM -> Comparator.comparing(p -> k[p].from());
            case TO -> Comparator.comparing(p -> k[p].to());
            case CC -> Comparator.comparing(p -> k[p].cc());
            case DISPLAYFROM -> Comparator.comparing(p -> k[p].displayFrom());
            case DISPLAYTO -> Comparator.comparing(p -> k[p].displayTo());
        };
    }

    /** RFC 5256 §3 DATE: the Date: header, or the internal date when it is missing or unreadable. */
    static long sentDate(MessageKeys k) {
        return k.sentDate() != null ? k.sentDate() : k.internalDate();
    }
}
