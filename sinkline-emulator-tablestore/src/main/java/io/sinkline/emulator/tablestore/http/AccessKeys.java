package io.sinkline.emulator.tablestore.http;

import java.util.Map;

/**
 * The access keys the emulator knows. Strict mode rejects any other key or a wrong signature;
 * otherwise any key is accepted. Responses are signed with the secret of the caller's key (the
 * SDK verifies that), falling back to the default secret for unknown keys.
 */
public final class AccessKeys {
    private final Map<String, String> secretsById;
    private final String defaultSecret;
    private final boolean strict;

    public AccessKeys(Map<String, String> secretsById, String defaultSecret, boolean strict) {
        this.secretsById = Map.copyOf(secretsById);
        this.defaultSecret = defaultSecret;
        this.strict = strict;
    }

    public boolean strict() {
        return strict;
    }

    /** The secret for this key id, or null when the key is unknown. */
    public String secretOf(String accessKeyId) {
        return accessKeyId == null ? null : secretsById.get(accessKeyId);
    }

    public String signingSecret(String accessKeyId) {
        String s = secretOf(accessKeyId);
        return s == null ? defaultSecret : s;
    }
}
