package io.sinkline.emulator.maxcompute;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/** How a {@link MaxComputeEmulator} listens, which project it serves and which credentials it accepts. */
public final class MaxComputeEmulatorOptions {

    public static final String DEFAULT_PROJECT = "sinkline";
    public static final String DEFAULT_ACCESS_KEY_ID = "sinkline-ak";
    public static final String DEFAULT_ACCESS_KEY_SECRET = "sinkline-secret";

    private final String host;
    private final int port;
    private final String project;
    private final String accessKeyId;
    private final String accessKeySecret;
    private final boolean strict;
    private final boolean sts;
    private final Path dataDir;
    private final Duration tunnelSessionLifetime;

    private MaxComputeEmulatorOptions(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.project = b.project;
        this.accessKeyId = b.accessKeyId;
        this.accessKeySecret = b.accessKeySecret;
        this.strict = b.strict;
        this.sts = b.sts;
        this.dataDir = b.dataDir;
        this.tunnelSessionLifetime = b.tunnelSessionLifetime;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String project() {
        return project;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String accessKeySecret() {
        return accessKeySecret;
    }

    /** In strict mode every request must carry a valid {@code ODPS <ak>:<signature>} for the configured key. */
    public boolean strict() {
        return strict;
    }

    /**
     * Whether an STS AssumeRole endpoint runs too (HTTPS on its own port, as STS clients only speak HTTPS):
     * it issues temporary keys that the emulator then accepts until they expire.
     */
    public boolean sts() {
        return sts;
    }

    /** Where tables live across restarts; {@code null} keeps everything in memory. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * How long a Tunnel upload, download or stream session stays valid after its creation: 24 hours, as on the
     * service. An expired session is refused (404) and forgotten, an uncommitted upload's blocks with it.
     */
    public Duration tunnelSessionLifetime() {
        return tunnelSessionLifetime;
    }

    /** Builder with loopback, an ephemeral port, project {@code sinkline} and a fixed test key as defaults. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private String project = DEFAULT_PROJECT;
        private String accessKeyId = DEFAULT_ACCESS_KEY_ID;
        private String accessKeySecret = DEFAULT_ACCESS_KEY_SECRET;
        private boolean strict = false;
        private boolean sts = false;
        private Path dataDir;
        private Duration tunnelSessionLifetime = Duration.ofHours(24);

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder project(String project) {
            if (project == null || project.isBlank()) {
                throw new IllegalArgumentException("project must not be blank");
            }
            this.project = project;
            return this;
        }

        public Builder accessKeyId(String accessKeyId) {
            this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
            return this;
        }

        public Builder accessKeySecret(String accessKeySecret) {
            this.accessKeySecret = Objects.requireNonNull(accessKeySecret, "accessKeySecret");
            return this;
        }

        public Builder tunnelSessionLifetime(Duration lifetime) {
            if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("tunnelSessionLifetime must be positive, got " + lifetime);
            }
            this.tunnelSessionLifetime = lifetime;
            return this;
        }

        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        public Builder sts(boolean sts) {
            this.sts = sts;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public MaxComputeEmulatorOptions build() {
            return new MaxComputeEmulatorOptions(this);
        }
    }
}
