package org.tegami.pipeline;

/**
 * One named step of the DATA path (STYLE.md §13): receive -> authenticate -> classify -> route ->
 * sign/deliver. A stage either lets the message go on or ends the transaction with a reply.
 */
public interface Stage {

    String name();

    /** @return null to continue, or the outcome that ends the transaction */
    Outcome apply(InboundMessage message) throws Exception;
}
