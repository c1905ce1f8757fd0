package org.torc.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {
    final AtomicInteger checks = new AtomicInteger();
    final AtomicLong now = new AtomicLong();

    boolean slowCheck(String user, String password) {
        checks.incrementAndGet();
        return password.equals(user + "-pw");
    }

    CredentialCache cache(Duration ttl, int max) {
        return new CredentialCache(this::slowCheck, ttl, max, now::get);
    }

    @Test
    void a_success_is_remembered_until_the_ttl_passes() {
        CredentialCache c = cache(Duration.ofSeconds(60), 10);
        assertTrue(c.verify("ann", "ann-pw"));
        assertTrue(c.verify("ann", "ann-pw"));
        assertEquals(1, checks.get());
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertTrue(c.verify("ann", "ann-pw"));
        assertEquals(1, checks.get());
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertTrue(c.verify("ann", "ann-pw"));
        assertEquals(2, checks.get(), "expired, so checked again");
    }

    @Test
    void failures_are_never_remembered_and_other_passwords_are_not_let_in() {
        CredentialCache c = cache(Duration.ofSeconds(60), 10);
        assertTrue(c.verify("ann", "ann-pw"));
        assertFalse(c.verify("ann", "guess"));
        assertFalse(c.verify("ann", "guess"));
        assertFalse(c.verify("bob", "ann-pw"));
        assertEquals(4, checks.get());
        assertEquals(1, c.size());
    }

    @Test
    void a_zero_ttl_checks_every_time() {
        CredentialCache c = cache(Duration.ZERO, 10);
        assertFalse(c.enabled());
        c.verify("ann", "ann-pw");
        c.verify("ann", "ann-pw");
        assertEquals(2, checks.get());
        assertEquals(0, c.size());
    }

    @Test
    void the_cache_stays_within_its_bound() {
        CredentialCache c = cache(Duration.ofSeconds(60), 3);
        for (String u : List.of("a", "b", "c", "d", "e")) {
            assertTrue(c.verify(u, u + "-pw"));
        }
        assertEquals(3, c.size());
        assertTrue(c.verify("e", "e-pw"), "not remembered, still verified");
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        assertTrue(c.verify("f", "f-pw"));
        assertEquals(1, c.size(), "expired entries made room");
    }

    @Test
    void concurrent_checks_of_the_same_credentials_share_one_slow_check() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger slow = new AtomicInteger();
        CredentialCache c = new CredentialCache((u, p) -> {
            slow.incrementAndGet();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }, Duration.ofSeconds(60));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> c.verify("ann", "pw")));
            }
            Thread.sleep(200);
            release.countDown();
            for (Future<Boolean> f : results) {
                assertTrue(f.get(5, TimeUnit.SECONDS));
            }
            assertTrue(slow.get() < 8, "shared: " + slow.get() + " slow checks for 8 callers");
        } finally {
            pool.shutdownNow();
        }
    }
}
