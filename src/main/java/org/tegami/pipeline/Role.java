package org.tegami.pipeline;

/** Which SMTP service a message arrived on: the same engine, different policy. */
public enum Role {
    /** Port 25: mail from the world for our domains; never relays for unauthenticated clients. */
    MX,
    /** Ports 587/465: mail from our authenticated users to anywhere. */
    SUBMISSION
}
