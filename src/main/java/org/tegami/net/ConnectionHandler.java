package org.tegami.net;

/** A protocol's entry point: runs one session on one connection, on its own virtual thread. */
@FunctionalInterface
public interface ConnectionHandler {
    void handle(Connection connection) throws Exception;
}
