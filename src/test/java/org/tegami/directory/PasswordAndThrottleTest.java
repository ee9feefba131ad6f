package org.tegami.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.tegami.config.AuthConfig;

class PasswordAndThrottleTest {

    @Test
    void argon2idPhcRoundTrip() {
        PasswordHasher h = new PasswordHasher(new SecureRandom());
        String phc = h.hash("correct horse");
        assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(h.verify("correct horse", phc)).isTrue();
        assertThat(h.verify("correct horsf", phc)).isFalse();
        assertThat(h.verify("x", "$argon2id$v=19$m=1,t=1,p=1$AA$AA")).isFalse();
        assertThat(h.verify("x", "garbage")).isFalse();
        assertThat(h.hash("same")).isNotEqualTo(h.hash("same")); // salted
    }

    @Test
    void argon2idMatchesReferenceVector() {
        // Cross-checked with the reference implementation (Debian package argon2):
        // echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1 -l 32
        String phc = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(new PasswordHasher(new SecureRandom()).verify("password", phc)).isTrue();
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void backoffGrowsThenLocksThenExpires() throws Exception {
        MutableClock clock = new MutableClock();
        AuthConfig cfg = new AuthConfig(false, false, 5, Duration.ofMinutes(10), Duration.ofMinutes(15));
        AuthThrottle t = new AuthThrottle(cfg, clock);
        InetAddress attacker = InetAddress.getByName("192.0.2.7");
        InetAddress owner = InetAddress.getByName("198.51.100.1");
        t.recordSuccess(owner, "alice@example.test");
        Duration d1 = t.recordFailure(attacker, "alice@example.test");
        Duration d2 = t.recordFailure(attacker, "alice@example.test");
        assertThat(d2).isGreaterThan(d1);
        assertThat(t.ipLocked(attacker)).isFalse();
        for (int i = 0; i < 3; i++) {
            t.recordFailure(attacker, "alice@example.test");
        }
        assertThat(t.ipLocked(attacker)).isTrue();
        assertThat(t.accountLocked("alice@example.test", attacker)).isTrue();
        assertThat(t.accountLocked("alice@example.test", owner)).as("the owner's known address is spared").isFalse();
        assertThat(t.accountLocked("alice@example.test", InetAddress.getByName("203.0.113.9"))).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertThat(t.ipLocked(attacker)).isFalse();
        assertThat(t.accountLocked("alice@example.test", attacker)).isFalse();
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() throws Exception {
        MutableClock clock = new MutableClock();
        AuthThrottle t = new AuthThrottle(new AuthConfig(false, false, 5, Duration.ofMinutes(10), Duration.ofMinutes(15)), clock);
        InetAddress ip = InetAddress.getByName("192.0.2.8");
        for (int i = 0; i < 4; i++) {
            t.recordFailure(ip, null);
            clock.now = clock.now.plus(Duration.ofMinutes(4));
        }
        assertThat(t.ipLocked(ip)).isFalse();
    }
}
