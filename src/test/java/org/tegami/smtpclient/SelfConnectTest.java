package org.tegami.smtpclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** A socket TCP connected to itself (simultaneous open) is told apart from a real peer. */
class SelfConnectTest {

    @Test
    void aSocketConnectedToItselfIsRecognised() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(loopback, 0));
            // Connecting to our own bound port with no listener: Linux completes a simultaneous open.
            s.connect(new InetSocketAddress(loopback, s.getLocalPort()), 2000);
            assertThat(SmtpClient.reachedItself(s)).isTrue();
        }
    }

    @Test
    void aRealPeerIsNotItself() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback); Socket s = new Socket()) {
            s.connect(server.getLocalSocketAddress(), 2000);
            assertThat(SmtpClient.reachedItself(s)).isFalse();
        }
    }
}
