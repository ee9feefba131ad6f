package org.tegami.pipeline;

/**
 * Mail loop guard (RFC 5321 §6.3): a message that has already passed through too many hosts —
 * counted by its Received: fields — is refused, so a forwarding loop ends with a bounce from the
 * previous hop instead of circling for ever. Postfix's hopcount_limit does the same (default 50).
 */
public final class LoopGuardStage implements Stage {

    private final int maxReceived;

    public LoopGuardStage(int maxReceived) {
        this.maxReceived = maxReceived;
    }

    @Override
    public String name() {
        return "loop-guard";
    }

    @Override
    public Outcome apply(InboundMessage m) {
        int hops = m.parsed().headers().count("Received");
        if (hops > maxReceived) {
            m.note("loop hops=" + hops);
            return Outcome.rejected(554, "5.4.6", "Too many hops (" + hops + " Received: fields), mail loop suspected");
        }
        return null;
    }
}
