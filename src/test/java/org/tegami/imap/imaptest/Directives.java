package org.tegami.imap.imaptest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * imaptest's "$!" list directives (scripted_test.md, "Directives"): explicit ones are taken off
 * the front of a list; a list without any gets imaptest's defaults — "n FETCH ($!unordered=2)",
 * its "FLAGS ($!unordered $!noextra $!ignore=\recent ...)", "LIST ($!unordered)", "LSUB
 * ($!unordered)", "STATUS mailbox ($!unordered=2)". Positions are counted as imaptest counts
 * them: directive atoms (explicit or default) included, modulo an explicit unordered=n chain.
 */
final class Directives {

    private Directives() {}

    /** Where a list sits: parent, reply name, the atom before it, its position in the parent. */
    private record Ctx(Ctx parent, String reply, String prevAtom, int index) {}

    /** The untagged reply's arguments with directives moved into their lists. */
    static List<ImapArg> apply(List<ImapArg> args, String reply) {
        return children(args, new Ctx(null, reply, null, 0), 0, 1);
    }

    private static List<ImapArg> children(List<ImapArg> items, Ctx self, int offset, int chain) {
        List<ImapArg> out = new ArrayList<>(items.size());
        String prev = null;
        for (int i = 0; i < items.size(); i++) {
            ImapArg a = items.get(i);
            if (a instanceof ImapArg.Atom at) {
                prev = at.text().toLowerCase(Locale.ROOT);
            }
            if (a instanceof ImapArg.ListArg l) {
                int pos = i + offset;
                out.add(list(l, new Ctx(self, self.reply(), prev, chain == 1 ? pos : pos % chain)));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    private static ImapArg.ListArg list(ImapArg.ListArg l, Ctx ctx) {
        List<ImapArg.Directive> directives = new ArrayList<>();
        int k = 0;
        int chain = 1;
        while (k < l.items().size() && l.items().get(k) instanceof ImapArg.Atom a && a.text().startsWith("$!")) {
            ImapArg.Directive d = parse(a.text().substring(2));
            if (d instanceof ImapArg.Directive.Unordered u) {
                chain = u.chain();
            }
            directives.add(d);
            k++;
        }
        List<ImapArg> items = l.items().subList(k, l.items().size());
        if (directives.isEmpty()) {
            directives = defaults(ctx);
        }
        if (items.size() % chain != 0) {
            throw new IllegalArgumentException("invalid list argument count, chain size=" + chain);
        }
        return new ImapArg.ListArg(directives, children(items, ctx, directives.size(), chain));
    }

    private static ImapArg.Directive parse(String d) {
        if (d.equals("unordered")) {
            return new ImapArg.Directive.Unordered(1);
        }
        if (d.startsWith("unordered=")) {
            try {
                int n = Integer.parseInt(d.substring(10));
                if (n >= 1) {
                    return new ImapArg.Directive.Unordered(n);
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new IllegalArgumentException("broken $!unordered directive");
        }
        return switch (d) {
            case "ordered" -> new ImapArg.Directive.Ordered();
            case "noextra" -> new ImapArg.Directive.NoExtra();
            case "extra" -> new ImapArg.Directive.Extra();
            default -> {
                if (d.startsWith("ignore=")) {
                    yield new ImapArg.Directive.Ignore(d.substring(7));
                }
                if (d.startsWith("ban=")) {
                    yield new ImapArg.Directive.Ban(d.substring(4));
                }
                throw new IllegalArgumentException("unknown directive: " + d);
            }
        };
    }

    /** Which lists get defaults (imaptest test_add_default_directives). */
    private static List<ImapArg.Directive> defaults(Ctx ctx) {
        Ctx parent = ctx.parent();
        List<ImapArg.Directive> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        boolean parentIsRoot = parent.parent() == null;
        switch (ctx.reply()) {
            case "list", "lsub" -> {
                if (parentIsRoot && ctx.index() == 1) {
                    out.add(new ImapArg.Directive.Unordered(1)); // list (flags) sep mailbox
                }
            }
            case "status" -> {
                if (parentIsRoot && ctx.index() == 2) {
                    out.add(new ImapArg.Directive.Unordered(2)); // status mailbox (items)
                }
            }
            case "fetch" -> {
                if (parentIsRoot && ctx.index() == 2) {
                    out.add(new ImapArg.Directive.Unordered(2)); // n fetch (items)
                } else if (!parentIsRoot && parent.parent().parent() == null && parent.index() == 2
                        && "flags".equals(ctx.prevAtom())) {
                    out.add(new ImapArg.Directive.Unordered(1)); // n fetch (flags (...))
                    out.add(new ImapArg.Directive.NoExtra());
                    out.add(new ImapArg.Directive.Ignore("\\recent"));
                    out.add(new ImapArg.Directive.Ignore("$HasAttachment"));
                    out.add(new ImapArg.Directive.Ignore("$HasNoAttachment"));
                }
            }
            default -> { }
        }
        return out;
    }
}
