package org.tegami.imapserver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tegami.imap.Response;
import org.tegami.imap.ResponseCode;
import org.tegami.imap.SelectedCommand;
import org.tegami.store.MessageKeys;

/**
 * THREAD and UID THREAD (RFC 5256 §3) with ORDEREDSUBJECT and REFERENCES (§4), over the matching
 * messages and the keys stored at delivery (base subject, sent date, Message-ID, references).
 * Iterative where depth is unbounded, so a long reply chain cannot exhaust the stack.
 */
final class ThreadHandler {

    private ThreadHandler() {}

    /** A message (or a dummy standing for a referenced message that is not there). */
    private static final class Node {
        final int pos; // position in the view, -1 for a dummy
        final MessageKeys keys;
        Node parent;
        final List<Node> children = new ArrayList<>();

        Node(int pos, MessageKeys keys) {
            this.pos = pos;
            this.keys = keys;
        }

        boolean dummy() {
            return pos < 0;
        }
    }

    static Response.Status thread(ImapSession s, SelectedCommand.Thread c) {
        SelectedMailbox sel = s.selected();
        SearchEvaluator eval = new SearchEvaluator(s, sel);
        int[] hits = eval.run(c.key());
        List<Node> messages = new ArrayList<>(hits.length);
        for (int p : hits) {
            messages.add(new Node(p, eval.keys(p)));
        }
        List<Node> roots = switch (c.algorithm()) {
            case "ORDEREDSUBJECT" -> orderedSubject(messages);
            case "REFERENCES" -> references(messages);
            default -> throw ImapFailure.no(ResponseCode.CANNOT, "Unsupported threading algorithm " + c.algorithm());
        };
        List<Response.ThreadNode> out = new ArrayList<>(roots.size());
        for (Node r : roots) {
            out.add(toResponse(r, sel, c.uid()));
        }
        s.send(new Response.Thread(out));
        return Response.Status.ok(c.tag(), c.name() + " completed");
    }

    /** Sent date, then sequence number (RFC 5256 §3 ORDEREDSUBJECT); a dummy sorts as its first child. */
    private static final Comparator<Node> BY_DATE = Comparator
            .<Node>comparingLong(n -> SortHandler.sentDate(first(n).keys))
            .thenComparingInt(n -> first(n).pos);

    private static Node first(Node n) {
        Node x = n;
        while (x.dummy() && !x.children.isEmpty()) {
            x = x.children.get(0);
        }
        return x;
    }

    /**
     * ORDEREDSUBJECT: messages grouped by base subject; in each group the first (by sent date) is
     * the parent of all the others; threads ordered by the date of their first message.
     */
    private static List<Node> orderedSubject(List<Node> messages) {
        List<Node> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.<Node, String>comparing(n -> n.keys.subject()).thenComparing(BY_DATE));
        List<Node> roots = new ArrayList<>();
        Node head = null;
        for (Node n : sorted) {
            if (head != null && head.keys.subject().equals(n.keys.subject())) {
                head.children.add(n);
            } else {
                head = n;
                roots.add(n);
            }
        }
        roots.sort(BY_DATE);
        return roots;
    }

    /** REFERENCES (RFC 5256 §4): the steps are numbered as in the RFC. */
    private static List<Node> references(List<Node> messages) {
        Map<String, Node> byId = new HashMap<>();
        // Step 1: containers by Message-ID; missing or duplicate ids get a unique one.
        for (Node m : messages) {
            String id = m.keys.messageId();
            if (id == null || id.isEmpty() || byId.containsKey(id) && !byId.get(id).dummy()) {
                id = "\u0000unique-" + m.pos;
            }
            Node existing = byId.get(id);
            if (existing != null && existing.dummy()) {
                // a dummy made for an earlier reference: this message takes its place
                for (Node ch : existing.children) {
                    ch.parent = m;
                    m.children.add(ch);
                }
                if (existing.parent != null) {
                    existing.parent.children.remove(existing);
                    link(existing.parent, m);
                }
            }
            byId.put(id, m);
        }
        for (Node m : messages) {
            String[] refs = m.keys.references().isEmpty() ? new String[0] : m.keys.references().split(" ");
            Node prev = null;
            for (String ref : refs) {
                Node n = byId.computeIfAbsent(ref, k -> new Node(-1, null));
                // Step 1.A: link each reference to the next, never changing an existing parent, never a loop.
                if (prev != null && n.parent == null && n != prev && !isAncestor(n, prev)) {
                    link(prev, n);
                }
                prev = n;
            }
            // Step 1.B: the last reference is the message's parent (replacing a parent from 1.A).
            if (m.parent != null) {
                m.parent.children.remove(m);
                m.parent = null;
            }
            if (prev != null && prev != m && !isAncestor(m, prev)) {
                link(prev, m);
            }
        }
        // Step 2: the root set.
        Node root = new Node(-2, null);
        for (Node n : new ArrayList<>(byId.values())) {
            if (n.parent == null) {
                link(root, n);
            }
        }
        root.children.sort(Comparator.comparingInt(ThreadHandler::minPos));
        prune(root); // step 3
        sortTree(root); // step 4 (and children, re-sorted in step 6)
        mergeBySubject(root); // step 5
        sortTree(root); // step 6
        List<Node> out = new ArrayList<>(root.children);
        for (Node n : out) {
            n.parent = null;
        }
        return out;
    }

    private static int minPos(Node n) {
        int min = n.dummy() ? Integer.MAX_VALUE : n.pos;
        for (Node c : n.children) {
            min = Math.min(min, minPos(c));
        }
        return min;
    }

    private static void link(Node parent, Node child) {
        child.parent = parent;
        parent.children.add(child);
    }

    /** True if {@code a} is {@code b} or an ancestor of it. */
    private static boolean isAncestor(Node a, Node b) {
        for (Node x = b; x != null; x = x.parent) {
            if (x == a) {
                return true;
            }
        }
        return false;
    }

    /**
     * Step 3: dummies without children go; a dummy's children are promoted to its level — at the
     * top level only when it has a single child.
     */
    private static void prune(Node root) {
        List<Node> postOrder = preOrder(root);
        for (int i = postOrder.size() - 1; i >= 0; i--) {
            Node n = postOrder.get(i);
            List<Node> kept = new ArrayList<>();
            for (Node c : n.children) {
                if (!c.dummy()) {
                    kept.add(c);
                } else if (c.children.isEmpty()) {
                    c.parent = null;
                } else if (n != root || c.children.size() == 1) {
                    for (Node cc : c.children) {
                        cc.parent = n;
                        kept.add(cc);
                    }
                    c.children.clear();
                } else {
                    kept.add(c);
                }
            }
            n.children.clear();
            n.children.addAll(kept);
        }
    }

    /** Every node below and including root, parents before children (iterative: threads can be deep). */
    private static List<Node> preOrder(Node root) {
        Deque<Node> work = new ArrayDeque<>();
        List<Node> out = new ArrayList<>();
        work.push(root);
        while (!work.isEmpty()) {
            Node n = work.pop();
            out.add(n);
            for (Node c : n.children) {
                work.push(c);
            }
        }
        return out;
    }

    /** Sorts every set of siblings by sent date, the deepest first (steps 4 and 6). */
    private static void sortTree(Node root) {
        List<Node> postOrder = preOrder(root);
        for (int i = postOrder.size() - 1; i >= 0; i--) {
            postOrder.get(i).children.sort(BY_DATE);
        }
    }

    private static String threadSubject(Node n) {
        Node x = n.dummy() && !n.children.isEmpty() ? n.children.get(0) : n;
        return x.dummy() ? "" : x.keys.subject();
    }

    private static boolean reply(Node n) {
        return !n.dummy() && n.keys.replyOrForward();
    }

    /** Step 5: threads with the same base subject are gathered. */
    private static void mergeBySubject(Node root) {
        Map<String, Node> table = new LinkedHashMap<>();
        for (Node n : root.children) {
            String subj = threadSubject(n);
            if (subj.isEmpty()) {
                continue;
            }
            Node t = table.get(subj);
            if (t == null || !t.dummy() && (n.dummy() || reply(t) && !reply(n))) {
                table.put(subj, n);
            }
        }
        for (Node n : new ArrayList<>(root.children)) {
            String subj = threadSubject(n);
            if (subj.isEmpty()) {
                continue;
            }
            Node t = table.get(subj);
            if (t == null || t == n) {
                continue;
            }
            root.children.remove(n);
            if (t.dummy() && n.dummy()) {
                for (Node c : n.children) {
                    link(t, c);
                }
                n.children.clear();
            } else if (t.dummy()) {
                link(t, n);
            } else if (reply(n) && !reply(t)) {
                link(t, n);
            } else {
                Node d = new Node(-1, null);
                int at = root.children.indexOf(t);
                root.children.remove(t);
                link(d, t);
                link(d, n);
                d.parent = root;
                root.children.add(at < 0 ? root.children.size() : at, d);
                table.put(subj, d);
            }
        }
    }

    private static Response.ThreadNode toResponse(Node n, SelectedMailbox sel, boolean uid) {
        // Iterative post-order build: a reply chain can be as long as the mailbox.
        Map<Node, Response.ThreadNode> built = new HashMap<>();
        Deque<Node> work = new ArrayDeque<>();
        List<Node> order = new ArrayList<>();
        work.push(n);
        while (!work.isEmpty()) {
            Node x = work.pop();
            order.add(x);
            for (Node c : x.children) {
                work.push(c);
            }
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            Node x = order.get(i);
            List<Response.ThreadNode> kids = new ArrayList<>(x.children.size());
            for (Node c : x.children) {
                kids.add(built.remove(c));
            }
            long number = x.dummy() ? 0 : uid ? sel.uid(x.pos) : x.pos + 1L;
            built.put(x, new Response.ThreadNode(number, kids));
        }
        return built.get(n);
    }
}
