package org.tegami.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.tegami.config.RelayConfig;
import org.tegami.dns.InMemoryResolver;

/** RFC 5321 §5.1 routing and RFC 7505 null MX over the in-memory resolver. */
class RouterTest {

    private final InMemoryResolver dns = new InMemoryResolver();

    private Router router(InetAddress bind) {
        return new Router(dns, RelayConfig.NONE, 25, bind);
    }

    @Test
    void mxHostsInPreferenceOrderWithIpv6First() {
        dns.addMx("example.test", 20, "backup.example.test").addMx("example.test", 10, "mx.example.test")
                .addA("mx.example.test", "192.0.2.1", "2001:db8::1").addA("backup.example.test", "192.0.2.2");
        Route.Hosts r = (Route.Hosts) router(null).route("example.test");
        assertThat(r.hosts()).extracting(Route.Host::name).containsExactly("mx.example.test", "backup.example.test");
        assertThat(r.hosts().get(0).addresses()).extracting(a -> a.getAddress().getHostAddress())
                .containsExactly("2001:db8:0:0:0:0:0:1", "192.0.2.1");
        assertThat(r.hosts().get(0).addresses().get(0).getPort()).isEqualTo(25);
    }

    @Test
    void bindAddressFamilyFiltersTargets() throws Exception {
        dns.addMx("example.test", 10, "mx.example.test").addA("mx.example.test", "192.0.2.1", "2001:db8::1");
        Route.Hosts v4 = (Route.Hosts) router(InetAddress.getByName("127.0.0.2")).route("example.test");
        assertThat(v4.hosts().get(0).addresses()).extracting(a -> a.getAddress().getHostAddress()).containsExactly("192.0.2.1");
        Route.Hosts v6 = (Route.Hosts) router(InetAddress.getByName("::1")).route("example.test");
        assertThat(v6.hosts().get(0).addresses()).hasSize(1);
        assertThat(v6.hosts().get(0).addresses().get(0).getAddress().getAddress()).hasSize(16);
    }

    @Test
    void implicitMxWhenTheDomainHasNone() {
        dns.addA("plain.test", "192.0.2.9");
        Route.Hosts r = (Route.Hosts) router(null).route("plain.test");
        assertThat(r.hosts().get(0).name()).isEqualTo("plain.test");
    }

    @Test
    void nullMxNxdomainAndTempfail() {
        dns.addMx("nomail.test", 0, ".");
        assertThat(router(null).route("nomail.test")).isEqualTo(new Route.Failure(true, "5.1.10",
                "Domain nomail.test does not accept mail (null MX, RFC 7505)"));
        Route.Failure nx = (Route.Failure) router(null).route("missing.test");
        assertThat(nx.permanent()).isTrue();
        assertThat(nx.status()).isEqualTo("5.1.2");
        dns.addTimeout("slow.test");
        Route.Failure t = (Route.Failure) router(null).route("slow.test");
        assertThat(t.permanent()).isFalse();
        dns.addMx("dangling.test", 10, "gone.dangling.test");
        assertThat(((Route.Failure) router(null).route("dangling.test")).status()).isEqualTo("5.4.4");
    }

    @Test
    void addressLiteralsAndTheSmarthost() {
        Route.Hosts lit = (Route.Hosts) router(null).route("[192.0.2.7]");
        assertThat(lit.hosts().get(0).addresses().get(0).getAddress().getHostAddress()).isEqualTo("192.0.2.7");
        Router relay = new Router(dns, new RelayConfig("127.0.0.3", 587, "starttls", true, null, null), 25, null);
        assertThat(relay.key("anything.test")).isEqualTo("relay:127.0.0.3");
        Route.Hosts r = (Route.Hosts) relay.route("anything.test");
        assertThat(r.hosts().get(0).addresses().get(0).getPort()).isEqualTo(587);
    }
}
