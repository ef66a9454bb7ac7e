package io.sinkline.tablestore.auth;

import com.alicloud.openservices.tablestore.core.auth.CredentialsProvider;
import com.alicloud.openservices.tablestore.core.auth.DefaultCredentials;
import com.alicloud.openservices.tablestore.core.auth.ServiceCredentials;
import io.sinkline.tablestore.config.TablestoreSinkConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Credentials from STS AssumeRole, refreshed before they expire (when less than a fifth of their
 * lifetime, at most 5 minutes, is left). A failed refresh is an error, never null credentials:
 * the old credentials are used while still valid, then requests fail with the STS error.
 */
public final class StsCredentialsProvider implements CredentialsProvider {
    private final StsClient sts;
    private final String roleArn;
    private final String sessionName;
    private final Duration lifetime;
    private final Clock clock;
    private StsClient.Credentials current;

    public StsCredentialsProvider(StsClient sts, String roleArn, String sessionName, Duration lifetime, Clock clock) {
        this.sts = sts;
        this.roleArn = roleArn;
        this.sessionName = sessionName;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    static StsCredentialsProvider from(TablestoreSinkConfig config) {
        String keyId = firstNonBlank(config.getString(TablestoreSinkConfig.STS_ACCESS_KEY_ID), System.getenv("ACCESS_ID"));
        String secret = firstNonBlank(config.getPassword(TablestoreSinkConfig.STS_ACCESS_KEY_SECRET).value(),
                System.getenv("ACCESS_KEY"));
        if (keyId == null || secret == null) {
            throw new ConnectException("auth mode sts needs the AccessKey that calls AssumeRole: set "
                    + TablestoreSinkConfig.STS_ACCESS_KEY_ID + "/" + TablestoreSinkConfig.STS_ACCESS_KEY_SECRET
                    + " or the ACCESS_ID/ACCESS_KEY environment variables");
        }
        String roleArn = "acs:ram::" + config.getString(TablestoreSinkConfig.STS_ACCOUNT_ID) + ":role/"
                + config.getString(TablestoreSinkConfig.STS_ROLE_NAME);
        StsClient client = new StsClient(config.getString(TablestoreSinkConfig.STS_ENDPOINT), keyId, secret,
                Duration.ofMillis(config.clientTimeoutMs()));
        return new StsCredentialsProvider(client, roleArn, "sinkline-tablestore",
                Duration.ofSeconds(config.getInt(TablestoreSinkConfig.STS_SESSION_SECONDS)), Clock.systemUTC());
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }

    @Override
    public synchronized ServiceCredentials getCredentials() {
        Instant now = clock.instant();
        if (current == null || now.isAfter(refreshAt(current))) {
            try {
                current = sts.assumeRole(roleArn, sessionName, lifetime);
            } catch (RuntimeException e) {
                if (current == null || !now.isBefore(current.expiration())) {
                    throw new ConnectException("STS AssumeRole for " + roleArn + " failed: " + e.getMessage(), e);
                }
                // still valid: use it, and try again on the next request
            }
        }
        return new DefaultCredentials(current.accessKeyId(), current.accessKeySecret(), current.securityToken());
    }

    private Instant refreshAt(StsClient.Credentials credentials) {
        Duration margin = lifetime.dividedBy(5);
        if (margin.compareTo(Duration.ofMinutes(5)) > 0) {
            margin = Duration.ofMinutes(5);
        }
        return credentials.expiration().minus(margin);
    }

    @Override
    public void setCredentials(ServiceCredentials credentials) {
        throw new UnsupportedOperationException("STS credentials are assumed, not set");
    }
}
