package org.tegami.queue;

import org.tegami.smtp.Reply;

/**
 * How the queue hands a message to a local mailbox (reports to local senders). Implemented by the
 * app with the pipeline's local delivery, so the queue does not depend on the pipeline.
 */
public interface LocalDelivery {

    /** True when mail for this ASCII domain is delivered here. */
    boolean isLocal(String asciiDomain);

    /**
     * Delivers durably to the mailboxes of a local address.
     *
     * @param sender envelope sender ("" for the null sender), for Return-Path
     * @return 250 when stored, a 5xx reply when the address does not exist, 4xx to retry later
     */
    Reply deliver(String address, String sender, byte[] content);
}
