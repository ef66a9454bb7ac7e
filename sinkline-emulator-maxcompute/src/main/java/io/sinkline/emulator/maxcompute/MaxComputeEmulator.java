package io.sinkline.emulator.maxcompute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sinkline.emulator.maxcompute.faults.FaultAdmin;
import io.sinkline.emulator.maxcompute.faults.Faults;
import io.sinkline.emulator.maxcompute.http.HttpFront;
import io.sinkline.emulator.maxcompute.http.AccessKeys;
import io.sinkline.emulator.maxcompute.http.SignatureVerifier;
import io.sinkline.emulator.maxcompute.sts.StsEndpoint;
import io.sinkline.emulator.maxcompute.rest.RestRoutes;
import io.sinkline.emulator.maxcompute.sql.SqlEngine;
import io.sinkline.emulator.maxcompute.storage.Store;
import io.sinkline.emulator.maxcompute.tunnel.TunnelRoutes;

/**
 * A local MaxCompute: one project served over the real REST and Tunnel protocols, so the unmodified
 * odps-sdk-core works against it with only the endpoint changed.
 *
 * <pre>{@code
 * try (MaxComputeEmulator mc = MaxComputeEmulator.start(MaxComputeEmulatorOptions.builder().port(0).build())) {
 *     Odps odps = new Odps(new AliyunAccount(mc.accessKeyId(), mc.accessKeySecret()));
 *     odps.setEndpoint(mc.endpoint());
 *     odps.setDefaultProject(mc.project());
 * }
 * }</pre>
 */
public final class MaxComputeEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MaxComputeEmulator.class);

    private final MaxComputeEmulatorOptions options;
    private final Store store;
    private final HttpFront front;
    private final Faults faults = new Faults(42);
    private final StsEndpoint sts;
    private final AccessKeys keys;

    private MaxComputeEmulator(MaxComputeEmulatorOptions options) throws IOException, SQLException {
        this.options = options;
        if (options.dataDir() != null) {
            Files.createDirectories(options.dataDir());
        }
        this.store = new Store(options.dataDir(), ZoneId.systemDefault());
        try {
            SqlEngine engine = new SqlEngine(store, options.project());
            RestRoutes rest = new RestRoutes(store, engine, options.project(), "ALIYUN$" + options.accessKeyId());
            this.keys = new AccessKeys(options.accessKeyId(), options.accessKeySecret(), Clock.systemUTC());
            SignatureVerifier verifier = options.strict() ? new SignatureVerifier(keys) : null;
            // the Tunnel host:port is only known once the server is bound; the router asks the holder lazily
            HostPortHolder holder = new HostPortHolder();
            TunnelRoutes tunnel = TunnelRoutes.on(store, holder, options.tunnelSessionLifetime());
            this.front = new HttpFront(options.host(), options.port(),
                    new ServiceRouter(options.project(), rest, tunnel, holder, new FaultAdmin(faults)), verifier, faults);
            holder.set(options.host() + ":" + front.port());
            this.sts = options.sts() ? new StsEndpoint(options.host(), keys) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            store.close();
            throw new IOException("interrupted while binding", e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        LOG.info("MaxCompute emulator for project {} at {} (strict={}, data dir={})", options.project(), endpoint(),
                options.strict(), options.dataDir());
    }

    public static MaxComputeEmulator start(MaxComputeEmulatorOptions options) {
        try {
            return new MaxComputeEmulator(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the emulator's storage: " + e.getMessage(), e);
        }
    }

    /** What {@code Odps.setEndpoint} takes: {@code http://127.0.0.1:<port>/api}. */
    public String endpoint() {
        return "http://" + options.host() + ":" + front.port() + HttpFront.API_PREFIX;
    }

    /** What {@code TableTunnel.setEndpoint} takes; the same server, without the {@code /api} prefix. */
    public String tunnelEndpoint() {
        return "http://" + options.host() + ":" + front.port();
    }

    public int port() {
        return front.port();
    }

    public String project() {
        return options.project();
    }

    public String accessKeyId() {
        return options.accessKeyId();
    }

    public String accessKeySecret() {
        return options.accessKeySecret();
    }

    /**
     * The STS endpoint's {@code host:port} (HTTPS; clients trust it through {@link StsEndpoint#trustStore()}).
     *
     * @throws IllegalStateException unless the emulator was started with {@code sts(true)}
     */
    public String stsEndpoint() {
        if (sts == null) {
            throw new IllegalStateException("the emulator was started without sts(true)");
        }
        return sts.endpoint();
    }

    /** How many temporary keys the STS endpoint issued so far. */
    public int stsKeysIssued() {
        return keys.issuedCount();
    }

    /** The fault controls; over HTTP they are at {@code http://host:port/_sinkline/faults} (see {@link FaultAdmin}). */
    public Faults faults() {
        return faults;
    }

    @Override
    public void close() {
        if (sts != null) {
            sts.close();
        }
        front.close();
        try {
            store.close();
        } catch (SQLException e) {
            LOG.warn("closing the emulator's storage failed", e);
        }
    }
}
