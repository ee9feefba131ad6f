package org.tegami.pop3server;

import java.nio.charset.StandardCharsets;

/**
 * A single-line POP3 status reply (RFC 1939 §3): "+OK text" or "-ERR [CODE] text". Multi-line
 * bodies are written by the handlers after a +OK.
 */
record Pop3Reply(boolean ok, ResponseCode code, String text) {

    /** RFC 2449 §4: a response line is at most 512 octets including CRLF. */
    private static final int MAX_TEXT = 480;

    static Pop3Reply ok(String text) {
        return new Pop3Reply(true, null, text);
    }

    static Pop3Reply err(ResponseCode code, String text) {
        return new Pop3Reply(false, code, text);
    }

    byte[] encode() {
        StringBuilder sb = new StringBuilder(64);
        sb.append(ok ? "+OK" : "-ERR");
        if (code != null) {
            sb.append(" [").append(code.text).append(']');
        }
        if (text != null && !text.isEmpty()) {
            sb.append(' ');
            for (int i = 0; i < text.length() && i < MAX_TEXT; i++) {
                char c = text.charAt(i);
                sb.append(c < 0x20 || c == 0x7f ? '?' : c); // no CR/LF can split a reply
            }
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
