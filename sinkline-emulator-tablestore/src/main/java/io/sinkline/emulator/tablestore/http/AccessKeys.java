package io.sinkline.emulator.tablestore.http;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access keys the emulator knows: its permanent ones, and the temporary ones its STS endpoint
 * issued (an id, a secret and a security token, valid until they expire). Strict mode rejects any
 * other key or a wrong signature; otherwise any key is accepted. Responses are signed with the
 * secret of the caller's key (the SDK verifies that), falling back to the default secret for
 * unknown keys.
 */
public final class AccessKeys {

    /** A key the STS endpoint issued; requests made with it carry {@code securityToken}. */
    public record TemporaryKey(String id, String secret, String securityToken, Instant expires) {
        @Override
        public String toString() {
            return "TemporaryKey[id=" + id + ", expires=" + expires + "]"; // no secret in logs
        }
    }

    private final Map<String, String> secretsById;
    private final String defaultSecret;
    private final boolean strict;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, TemporaryKey> temporary = new ConcurrentHashMap<>();

    public AccessKeys(Map<String, String> secretsById, String defaultSecret, boolean strict, Clock clock) {
        this.secretsById = Map.copyOf(secretsById);
        this.defaultSecret = defaultSecret;
        this.strict = strict;
        this.clock = clock;
    }

    public boolean strict() {
        return strict;
    }

    /** The secret of this permanent key, or null when it is not one. */
    public String permanentSecret(String accessKeyId) {
        return accessKeyId == null ? null : secretsById.get(accessKeyId);
    }

    /** The secret of this key, permanent or temporary (expired ones included), or null when the key is unknown. */
    public String secretOf(String accessKeyId) {
        String permanent = permanentSecret(accessKeyId);
        if (permanent != null || accessKeyId == null) {
            return permanent;
        }
        TemporaryKey key = temporary.get(accessKeyId);
        return key == null ? null : key.secret();
    }

    public String signingSecret(String accessKeyId) {
        String s = secretOf(accessKeyId);
        return s == null ? defaultSecret : s;
    }

    /** Whether this id names a temporary key (issued here, expired or not). */
    public boolean isTemporary(String accessKeyId) {
        return accessKeyId != null && temporary.containsKey(accessKeyId);
    }

    /** The temporary key with this id, unless it is unknown or expired. */
    public Optional<TemporaryKey> validTemporary(String accessKeyId) {
        TemporaryKey key = accessKeyId == null ? null : temporary.get(accessKeyId);
        if (key == null || !clock.instant().isBefore(key.expires())) {
            return Optional.empty();
        }
        return Optional.of(key);
    }

    /** A new temporary key valid for {@code lifetime} from now (the emulator's clock). */
    public TemporaryKey issue(Duration lifetime) {
        TemporaryKey key = new TemporaryKey("STS." + hex(12), hex(20), hex(48), clock.instant().plus(lifetime));
        temporary.put(key.id(), key);
        return key;
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
