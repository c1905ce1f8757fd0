package org.torc.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.LongSupplier;

/**
 * Remembers successful password checks for a while so that a client sending the same Basic
 * credentials on every request pays bcrypt (100 ms and more) once per TTL, not per request.
 *
 * <p>Only successes are remembered, keyed by a SHA-256 digest of a per-process random salt and
 * {@code user:password}: neither the password nor an unsalted digest of it is kept. Concurrent
 * checks of the same credentials share one bcrypt run. The cache holds at most
 * {@code maxEntries}; when full, expired entries are dropped and, if none expired, new successes
 * are simply not remembered. A TTL of zero turns caching off.
 */
public final class CredentialCache {
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private final BiPredicate<String, String> verifier;
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final byte[] salt = new byte[16];
    private final ConcurrentHashMap<String, Long> expiries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<Boolean>> inFlight =
            new ConcurrentHashMap<>();

    /** @param verifier the slow check, e.g. {@link Htpasswd#verify} */
    public CredentialCache(BiPredicate<String, String> verifier, Duration ttl) {
        this(verifier, ttl, DEFAULT_MAX_ENTRIES, System::nanoTime);
    }

    CredentialCache(BiPredicate<String, String> verifier, Duration ttl, int maxEntries,
            LongSupplier nanoClock) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("credential cache TTL cannot be negative");
        }
        this.verifier = verifier;
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
        new SecureRandom().nextBytes(salt);
    }

    public boolean enabled() {
        return ttlNanos > 0;
    }

    /** Whether {@code password} is {@code user}'s, from the cache when it was checked recently. */
    public boolean verify(String user, String password) {
        if (!enabled()) {
            return verifier.test(user, password);
        }
        String key = key(user, password);
        Long expiry = expiries.get(key);
        if (expiry != null) {
            if (expiry - nanoClock.getAsLong() > 0) {
                return true;
            }
            expiries.remove(key, expiry);
        }
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running.join();
        }
        try {
            boolean ok = verifier.test(user, password);
            if (ok) {
                remember(key);
            }
            mine.complete(ok);
            return ok;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private void remember(String key) {
        long now = nanoClock.getAsLong();
        if (expiries.size() >= maxEntries) {
            expiries.values().removeIf(expiry -> expiry - now <= 0);
            if (expiries.size() >= maxEntries) {
                return;
            }
        }
        expiries.put(key, now + ttlNanos);
    }

    int size() {
        return expiries.size();
    }

    private String key(String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) ':');
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
