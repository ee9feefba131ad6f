package org.tegami.sasl;

/**
 * The server side of one SASL exchange. Call {@link #start} with the initial response (null when
 * the client sent none), then {@link #next} with each response to a challenge, until a Success or
 * Failure step.
 */
public interface SaslServer {

    String mechanism();

    SaslStep start(byte[] initialResponse);

    SaslStep next(byte[] response);
}
