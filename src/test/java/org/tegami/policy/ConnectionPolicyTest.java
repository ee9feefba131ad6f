package org.tegami.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tegami.config.ConfigLoader;
import org.tegami.config.PolicyConfig;
import org.tegami.dns.InMemoryResolver;

class ConnectionPolicyTest {

    private static InetAddress ip(String s) {
        return InetAddresses.forString(s);
    }

    private static PolicyConfig config(String toml) throws Exception {
        return ConfigLoader.parse("[policy]\n" + toml, "t.toml").policy();
    }

    @Test
    void cidrs() {
        assertThat(Cidr.parse("192.0.2.0/24").contains(ip("192.0.2.77"))).isTrue();
        assertThat(Cidr.parse("192.0.2.0/24").contains(ip("192.0.3.1"))).isFalse();
        assertThat(Cidr.parse("2001:db8::/32").contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains(ip("192.0.2.1"))).isFalse();
        assertThat(Cidr.parse("198.51.100.7").contains(ip("198.51.100.7"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(ip("::ffff:10.1.2.3"))).isTrue();
        assertThat(Cidr.netKey(ip("203.0.113.99"))).isEqualTo("203.0.113.0/24");
        assertThat(Cidr.netKey(ip("2001:db8:1:2:3:4:5:6"))).isEqualTo("2001:db8:1:2::/64");
    }

    @Test
    void badConfigNamesTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config("block = [\"300.1.1.1/8\"]\n"))
                .hasMessageContaining("t.toml:2: [policy] block:");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config("fcrdns = \"maybe\"\n"))
                .hasMessageContaining("[policy] fcrdns: must be one of off, record, enforce");
    }

    @Test
    void listsAndDnsbl() throws Exception {
        InMemoryResolver dns = new InMemoryResolver()
                .addA("2.113.0.203.bl.example", "127.0.0.4")
                .addTxt("2.113.0.203.bl.example", "Listed: see https://bl.example/203.0.113.2")
                .addA("3.113.0.203.bl.example", "127.255.255.254") // the list's error code, not a listing
                .addA("5.113.0.203.bl.example", "127.0.0.2")
                .addA("5.113.0.203.wl.example", "127.0.10.1");
        ConnectionPolicy p = new ConnectionPolicy(config("""
                block = ["192.0.2.0/24"]
                allow = ["192.0.2.7/32"]
                dynamic = ["198.51.100.0/24", "2001:db8:dead::/48"]
                dnsbl = ["bl.example"]
                dnswl = ["wl.example"]
                """), dns);
        assertThat(p.check(ip("192.0.2.8")).decision().reason()).contains("blocked");
        assertThat(p.check(ip("192.0.2.7")).decision().allowed()).isTrue();
        assertThat(p.check(ip("198.51.100.9")).decision().reason()).contains("submission");
        assertThat(p.check(ip("2001:db8:dead::1")).decision().check()).isEqualTo("dynamic");
        Decision listed = p.check(ip("203.0.113.2")).decision();
        assertThat(listed.code()).isEqualTo(554);
        assertThat(listed.enhanced()).isEqualTo("5.7.1");
        assertThat(listed.reason()).contains("bl.example").contains("127.0.0.4").contains("https://bl.example/203.0.113.2");
        assertThat(p.check(ip("203.0.113.3")).decision().allowed()).isTrue();
        assertThat(p.check(ip("203.0.113.5")).decision().allowed()).as("DNSWL wins").isTrue();
        assertThat(ConnectionPolicy.queryName(ip("2001:db8::1"), "bl.example"))
                .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.bl.example");
    }

    @Test
    void forwardConfirmedReverseDns() throws Exception {
        InMemoryResolver dns = new InMemoryResolver()
                .addPtr("203.0.113.10", "mail.good.example").addA("mail.good.example", "203.0.113.10")
                .addPtr("203.0.113.11", "liar.example").addA("liar.example", "192.0.2.1");
        ConnectionPolicy record = new ConnectionPolicy(config("fcrdns = \"record\"\n"), dns);
        assertThat(record.check(ip("203.0.113.10")).verifiedName()).isEqualTo("mail.good.example");
        assertThat(record.check(ip("203.0.113.11")).verifiedName()).isNull();
        assertThat(record.check(ip("203.0.113.11")).decision().allowed()).isTrue();
        ConnectionPolicy enforce = new ConnectionPolicy(config("fcrdns = \"enforce\"\n"), dns);
        Decision d = enforce.check(ip("203.0.113.11")).decision();
        assertThat(d.allowed()).isFalse();
        assertThat(d.enhanced()).isEqualTo("5.7.25");
        assertThat(enforce.check(ip("203.0.113.10")).decision().allowed()).isTrue();
    }

    @Test
    void limits() throws Exception {
        AtomicLong now = new AtomicLong();
        ConnectionLimits l = new ConnectionLimits(config("""
                max_connections = 5
                max_connections_per_ip = 2
                max_connections_per_net = 3
                connection_rate_per_ip = 4
                """), now::get);
        Object a = l.acquire(ip("192.0.2.1"));
        Object b = l.acquire(ip("192.0.2.1"));
        assertThat(l.acquire(ip("192.0.2.1"))).isInstanceOf(Decision.class);
        assertThat(l.acquire(ip("192.0.2.2"))).isInstanceOf(ConnectionLimits.Permit.class);
        Decision net = (Decision) l.acquire(ip("192.0.2.3"));
        assertThat(net.reason()).contains("192.0.2.0/24");
        assertThat(net.code()).isEqualTo(421);
        ((Runnable) a).run();
        ((Runnable) a).run(); // released once only
        assertThat(l.open()).isEqualTo(2);
        // the rate limit: 4 per minute; 3 taken for 192.0.2.1 so far, one left
        assertThat(l.acquire(ip("192.0.2.1"))).isInstanceOf(ConnectionLimits.Permit.class);
        ((Runnable) b).run();
        Decision rate = (Decision) l.acquire(ip("192.0.2.1"));
        assertThat(rate.check()).isEqualTo("rate");
        now.addAndGet(15_000_000_000L); // a quarter minute later: one token back
        assertThat(l.acquire(ip("192.0.2.1"))).isInstanceOf(ConnectionLimits.Permit.class);
        assertThat(List.of(l.open())).containsExactly(3);
    }
}
