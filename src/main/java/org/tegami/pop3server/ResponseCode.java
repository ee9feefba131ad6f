package org.tegami.pop3server;

/** Extended response codes in brackets after -ERR (RFC 2449 §8, RFC 3206). */
enum ResponseCode {
    /** RFC 2449 §8.1.2: the maildrop is locked by another session. */
    IN_USE("IN-USE"),
    /** RFC 2449 §8.1.1: the user logs in more often than LOGIN-DELAY allows. */
    LOGIN_DELAY("LOGIN-DELAY"),
    /** RFC 3206 §5: a problem with the credentials, or authenticating against policy. */
    AUTH("AUTH"),
    /** RFC 3206 §4: a temporary server problem; try again later without changing anything. */
    SYS_TEMP("SYS/TEMP"),
    /** RFC 3206 §4: a permanent server problem the user must report to the administrator. */
    SYS_PERM("SYS/PERM");

    final String text;

    ResponseCode(String text) {
        this.text = text;
    }
}
