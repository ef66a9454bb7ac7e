package io.sinkline.emulator.tablestore;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/** How to start a {@link TablestoreEmulator}; build with {@link #builder()}. */
public final class TablestoreEmulatorOptions {
    public static final String DEFAULT_INSTANCE = "sinkline";
    public static final String DEFAULT_ACCESS_KEY_ID = "sinkline";
    public static final String DEFAULT_ACCESS_KEY_SECRET = "sinkline-secret";

    private final String bindAddress;
    private final int port;
    private final String instanceName;
    private final String accessKeyId;
    private final String accessKeySecret;
    private final boolean strict;
    private final boolean sts;
    private final Path dataDir;
    private final int threads;
    private final Clock clock;

    private TablestoreEmulatorOptions(Builder b) {
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.instanceName = b.instanceName;
        this.accessKeyId = b.accessKeyId;
        this.accessKeySecret = b.accessKeySecret;
        this.strict = b.strict;
        this.sts = b.sts;
        this.dataDir = b.dataDir;
        this.threads = b.threads;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bindAddress() {
        return bindAddress;
    }

    public int port() {
        return port;
    }

    public String instanceName() {
        return instanceName;
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String accessKeySecret() {
        return accessKeySecret;
    }

    public boolean strict() {
        return strict;
    }

    /**
     * Whether an STS AssumeRole endpoint runs too (HTTPS, its own port): it issues temporary keys
     * that the emulator accepts, with their security token, until they expire.
     */
    public boolean sts() {
        return sts;
    }

    /** Where data is kept across restarts; null keeps everything in memory. */
    public Path dataDir() {
        return dataDir;
    }

    public int threads() {
        return threads;
    }

    /** The server's clock: versions, TTL and stream retention follow it. */
    public Clock clock() {
        return clock;
    }

    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port = 0;
        private String instanceName = DEFAULT_INSTANCE;
        private String accessKeyId = DEFAULT_ACCESS_KEY_ID;
        private String accessKeySecret = DEFAULT_ACCESS_KEY_SECRET;
        private boolean strict;
        private boolean sts;
        private Path dataDir;
        private int threads = 32;
        private Clock clock = Clock.systemUTC();

        /** The address to listen on; 127.0.0.1 unless you mean to expose the emulator. */
        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address);
            return this;
        }

        /** The port; 0 picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder instanceName(String name) {
            this.instanceName = Objects.requireNonNull(name);
            return this;
        }

        public Builder accessKeyId(String id) {
            this.accessKeyId = Objects.requireNonNull(id);
            return this;
        }

        public Builder accessKeySecret(String secret) {
            this.accessKeySecret = Objects.requireNonNull(secret);
            return this;
        }

        /** Verify request signatures and reject unknown keys with 403 OTSAuthFailed. */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** Run an STS AssumeRole endpoint too (see {@link TablestoreEmulator#stsEndpoint()}). */
        public Builder sts(boolean sts) {
            this.sts = sts;
            return this;
        }

        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Request-handling threads. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be positive");
            }
            this.threads = threads;
            return this;
        }

        /** A different clock for the server, e.g. one a test moves forward to expire stream data. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public TablestoreEmulatorOptions build() {
            return new TablestoreEmulatorOptions(this);
        }
    }
}
