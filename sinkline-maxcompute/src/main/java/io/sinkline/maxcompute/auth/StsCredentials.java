package io.sinkline.maxcompute.auth;

import com.aliyun.credentials.provider.RamRoleArnCredentialProvider;

import io.sinkline.maxcompute.config.MaxComputeSinkConfig;

/**
 * STS (seed 003's {@code account_type=STS}): the task's AccessKey assumes the RAM role
 * {@code acs:ram::<account_id>:role/<role_name>} through Aliyun's own credentials provider, which
 * caches the temporary credentials and renews them before they expire; the SDK signs every request
 * with the current ones.
 */
public final class StsCredentials {

    /** AssumeRole's shortest session. */
    static final int MIN_SESSION_SECONDS = 900;
    static final String SESSION_NAME = "sinkline-maxcompute";

    private StsCredentials() {
    }

    public static String roleArn(String accountId, String roleName) {
        return "acs:ram::" + accountId + ":role/" + roleName;
    }

    /** {@code client_timeout_ms} is the credentials' lifetime; AssumeRole grants at least 15 minutes. */
    static int sessionSeconds(long clientTimeoutMs) {
        return (int) Math.max(MIN_SESSION_SECONDS, Math.min(Integer.MAX_VALUE, (clientTimeoutMs + 999) / 1000));
    }

    public static RamRoleArnCredentialProvider provider(MaxComputeSinkConfig config) {
        return RamRoleArnCredentialProvider.builder()
                .accessKeyId(config.accessId())
                .accessKeySecret(config.accessKey().value())
                .roleArn(roleArn(config.accountId(), config.roleName()))
                .roleSessionName(SESSION_NAME)
                .durationSeconds(sessionSeconds(config.clientTimeoutMs()))
                .STSEndpoint(stripScheme(config.stsEndpoint()))
                .stsRegionId(config.regionId())
                .build();
    }

    /** The provider always speaks HTTPS to the host it is given. */
    static String stripScheme(String endpoint) {
        return endpoint.replaceFirst("(?i)^https?://", "").replaceFirst("/+$", "");
    }
}
