package io.sinkline.emulator.maxcompute.http;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The keys the emulator accepts: its permanent AccessKey pair, and the temporary ones its STS endpoint issued
 * (an id, a secret and a security token that every request must carry, valid until they expire).
 */
public final class AccessKeys {

    /** An AccessKey pair; {@code securityToken} and {@code expires} are null for the permanent one. */
    public record AccessKey(String id, String secret, String securityToken, Instant expires) {

        public boolean temporary() {
            return securityToken != null;
        }
    }

    private final AccessKey permanent;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, AccessKey> issued = new ConcurrentHashMap<>();
    private final AtomicInteger issuedCount = new AtomicInteger();

    public AccessKeys(String accessKeyId, String accessKeySecret, Clock clock) {
        this.permanent = new AccessKey(accessKeyId, accessKeySecret, null, null);
        this.clock = clock;
    }

    public AccessKey permanent() {
        return permanent;
    }

    /** The key with this id, unless it is unknown or expired. */
    public Optional<AccessKey> find(String id) {
        if (permanent.id().equals(id)) {
            return Optional.of(permanent);
        }
        AccessKey key = issued.get(id);
        if (key != null && !clock.instant().isBefore(key.expires())) {
            issued.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(key);
    }

    /** How many temporary keys were issued so far (expired ones included). */
    public int issuedCount() {
        return issuedCount.get();
    }

    /** A new temporary key valid for {@code lifetime}. */
    public AccessKey issue(Duration lifetime) {
        AccessKey key = new AccessKey("STS." + token(12), token(20), token(48), clock.instant().plus(lifetime));
        issued.put(key.id(), key);
        issuedCount.incrementAndGet();
        return key;
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
