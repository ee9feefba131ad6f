package org.tegami.queue;

/**
 * Signs the messages the queue writes itself (delivery status notifications) before they are
 * queued: DKIM for our domains. Supplied by the wiring; {@link #NONE} leaves them as they are.
 */
@FunctionalInterface
public interface OutgoingSigner {

    OutgoingSigner NONE = message -> message;

    /** The message as it should be sent (e.g. with DKIM-Signature fields on top). */
    byte[] sign(byte[] message);
}
