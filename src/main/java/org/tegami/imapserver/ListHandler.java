package org.tegami.imapserver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tegami.imap.AuthenticatedCommand;
import org.tegami.imap.AuthenticatedCommand.ListReturn;
import org.tegami.imap.AuthenticatedCommand.ListSelect;
import org.tegami.imap.MailboxPattern;
import org.tegami.imap.Response;
import org.tegami.store.Mailbox;

/**
 * LIST (RFC 9051 §6.3.9) with LIST-EXTENDED selection and return options (RFC 5258), CHILDREN
 * (RFC 3348), SPECIAL-USE (RFC 6154) and LIST-STATUS (RFC 5819); LSUB (RFC 3501 §6.3.9). Patterns
 * are matched against names as this client writes them (modified UTF-7 for IMAP4rev1).
 */
final class ListHandler {

    private ListHandler() {}

    /** The account's mailboxes and subscriptions, and the hierarchy they imply. */
    private static final class Tree {
        final Map<String, Mailbox> existing = new LinkedHashMap<>();
        final Set<String> subscribed;
        final TreeSet<String> existingSorted = new TreeSet<>();
        final TreeSet<String> subscribedSorted;

        Tree(ImapSession s) {
            for (Mailbox m : s.ctx.store().mailboxes(s.accountId())) {
                existing.put(m.name(), m);
                existingSorted.add(m.name());
            }
            subscribedSorted = new TreeSet<>(s.ctx.store().subscriptions(s.accountId()));
            subscribed = new HashSet<>(subscribedSorted);
        }

        /** Existing mailboxes plus the parents they imply that do not exist (holes). */
        List<String> namesWithHoles() {
            Set<String> all = new TreeSet<>(existingSorted);
            for (String n : existingSorted) {
                all.addAll(MailboxNames.parents(n));
            }
            List<String> out = new ArrayList<>();
            if (all.remove(Mailbox.INBOX)) {
                out.add(Mailbox.INBOX);
            }
            out.addAll(all);
            return out;
        }

        static boolean hasDescendant(TreeSet<String> names, String name) {
            String prefix = name + MailboxNames.DELIMITER;
            String next = names.ceiling(prefix);
            return next != null && next.startsWith(prefix);
        }

        List<String> descendants(TreeSet<String> names, String name) {
            String prefix = name + MailboxNames.DELIMITER;
            List<String> out = new ArrayList<>();
            for (String n : names.tailSet(prefix)) {
                if (!n.startsWith(prefix)) {
                    break;
                }
                out.add(n);
            }
            return out;
        }
    }

    static Response.Status list(ImapSession s, AuthenticatedCommand.ListMailboxes c) {
        if (!c.extended() && c.patterns().size() == 1 && c.patterns().get(0).isEmpty()) {
            // RFC 9051 §6.3.9: an empty pattern asks for the delimiter and the root of the reference.
            int d = c.reference().indexOf(MailboxNames.DELIMITER);
            String root = d < 0 ? "" : c.reference().substring(0, d + 1);
            s.send(Response.ListItem.list(List.of("\\Noselect"), MailboxNames.DELIMITER_BOXED, root));
            return Response.Status.ok(c.tag(), "LIST completed");
        }
        Tree t = new Tree(s);
        List<MailboxPattern> patterns = new ArrayList<>();
        for (String p : c.patterns()) {
            patterns.add(MailboxPattern.compile(c.reference(), p, MailboxNames.DELIMITER));
        }
        boolean bySubscription = c.select().contains(ListSelect.SUBSCRIBED);
        boolean recursive = c.select().contains(ListSelect.RECURSIVEMATCH);
        boolean bySpecialUse = c.select().contains(ListSelect.SPECIAL_USE);
        boolean showSubscribed = bySubscription || c.returns().contains(ListReturn.SUBSCRIBED);
        boolean extended = c.extended() || s.rev2;
        List<String> candidates;
        if (bySubscription) {
            Set<String> names = new TreeSet<>(t.subscribedSorted);
            if (recursive) {
                for (String sub : t.subscribedSorted) {
                    names.addAll(MailboxNames.parents(sub));
                }
            }
            candidates = new ArrayList<>(names);
        } else {
            candidates = t.namesWithHoles();
        }
        Map<String, String> wire = new HashMap<>();
        for (String name : candidates) {
            String w = s.wireName(name);
            if (!matches(patterns, w)) {
                continue;
            }
            wire.put(name, w);
        }
        for (String name : candidates) {
            String w = wire.get(name);
            if (w == null) {
                continue;
            }
            Mailbox mb = t.existing.get(name);
            boolean selected = (!bySubscription || t.subscribed.contains(name))
                    && (!bySpecialUse || mb != null && mb.specialUse() != null)
                    && (bySubscription || mb != null || !bySpecialUse);
            boolean childInfo = recursive && bySubscription && subscribedDescendantNotMatched(s, t, name, patterns);
            if (!selected && !childInfo) {
                continue;
            }
            List<String> attrs = new ArrayList<>();
            if (mb == null) {
                attrs.add(extended || bySubscription ? "\\NonExistent" : "\\Noselect");
            }
            attrs.add(Tree.hasDescendant(t.existingSorted, name) ? "\\HasChildren" : "\\HasNoChildren");
            if (mb != null && mb.specialUse() != null) {
                attrs.add(mb.specialUse());
            }
            if (showSubscribed && t.subscribed.contains(name)) {
                attrs.add("\\Subscribed");
            }
            s.send(new Response.ListItem(false, attrs, MailboxNames.DELIMITER_BOXED, w,
                    childInfo ? List.of("SUBSCRIBED") : List.of(), null));
            if (mb != null && !c.statusItems().isEmpty()) {
                StatusHandler.send(s, mb, w, c.statusItems()); // RFC 5819 §2
            }
        }
        return Response.Status.ok(c.tag(), "LIST completed");
    }

    private static boolean matches(List<MailboxPattern> patterns, String wireName) {
        for (MailboxPattern p : patterns) {
            if (p.matches(wireName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * RECURSIVEMATCH (RFC 5258 §3.5): CHILDINFO ("SUBSCRIBED") tells that a descendant satisfies
     * the selection although the pattern did not return it.
     */
    private static boolean subscribedDescendantNotMatched(ImapSession s, Tree t, String name,
            List<MailboxPattern> patterns) {
        for (String d : t.descendants(t.subscribedSorted, name)) {
            if (!matches(patterns, s.wireName(d))) {
                return true;
            }
        }
        return false;
    }

    /**
     * LSUB (RFC 3501 §6.3.9): subscribed names matching the pattern; a parent matched by "%" that
     * is not subscribed itself is returned with \Noselect.
     */
    static Response.Status lsub(ImapSession s, AuthenticatedCommand.Lsub c) {
        Tree t = new Tree(s);
        MailboxPattern p = MailboxPattern.compile(c.reference(), c.pattern(), MailboxNames.DELIMITER);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String sub : t.subscribedSorted) {
            String w = s.wireName(sub);
            if (p.matches(w)) {
                out.put(w, t.existing.containsKey(sub) ? List.of() : List.of("\\Noselect"));
                continue;
            }
            for (String parent : MailboxNames.parents(sub)) {
                String pw = s.wireName(parent);
                if (!t.subscribed.contains(parent) && p.matches(pw)) {
                    out.putIfAbsent(pw, List.of("\\Noselect"));
                }
            }
        }
        for (Map.Entry<String, List<String>> e : out.entrySet()) {
            s.send(new Response.ListItem(true, e.getValue(), MailboxNames.DELIMITER_BOXED, e.getKey(), List.of(), null));
        }
        return Response.Status.ok(c.tag(), "LSUB completed");
    }
}
