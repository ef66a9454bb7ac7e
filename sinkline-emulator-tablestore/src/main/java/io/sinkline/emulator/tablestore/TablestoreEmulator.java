package io.sinkline.emulator.tablestore;

import com.sun.net.httpserver.HttpServer;
import io.sinkline.emulator.tablestore.engine.TableCatalog;
import io.sinkline.emulator.tablestore.faults.FaultAdminHandler;
import io.sinkline.emulator.tablestore.faults.FaultInjector;
import io.sinkline.emulator.tablestore.http.AccessKeys;
import io.sinkline.emulator.tablestore.http.KeyUsage;
import io.sinkline.emulator.tablestore.http.OtsHttpHandler;
import io.sinkline.emulator.tablestore.protocol.ActionRegistry;
import io.sinkline.emulator.tablestore.protocol.BatchWriteActions;
import io.sinkline.emulator.tablestore.protocol.RowActions;
import io.sinkline.emulator.tablestore.protocol.StreamActions;
import io.sinkline.emulator.tablestore.protocol.TableActions;
import io.sinkline.emulator.tablestore.protocol.TimeseriesActions;
import io.sinkline.emulator.tablestore.storage.DataDirectory;
import io.sinkline.emulator.tablestore.stream.StreamRegistry;
import io.sinkline.emulator.tablestore.sts.StsEndpoint;
import io.sinkline.emulator.tablestore.timeseries.TimeseriesCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A local Tablestore that the unmodified official SDK talks to over the real wire protocol.
 * <pre>
 * try (TablestoreEmulator ots = TablestoreEmulator.start(TablestoreEmulatorOptions.builder().build())) {
 *     SyncClient client = new SyncClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName());
 * }
 * </pre>
 */
public final class TablestoreEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TablestoreEmulator.class);

    private static final long SNAPSHOT_INTERVAL_MILLIS = 5000;

    static {
        // The JDK server leaves Nagle on by default; with the SDK's small requests that costs a
        // delayed-ACK wait (~40 ms) per call. Read once, when the first JDK HttpServer starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final TablestoreEmulatorOptions options;
    private final FaultInjector faults = new FaultInjector();
    private final TableCatalog catalog;
    private final TimeseriesCatalog timeseries = new TimeseriesCatalog();
    private final StreamRegistry streams;
    private final DataDirectory dataDirectory;
    private final AccessKeys keys;
    private final KeyUsage keyUsage = new KeyUsage();
    private final HttpServer server;
    private final ExecutorService executor;
    private final StsEndpoint sts;

    private TablestoreEmulator(TablestoreEmulatorOptions options) throws IOException {
        this.options = options;
        LongSupplier clock = options.clock()::millis;
        this.catalog = new TableCatalog(clock);
        this.streams = new StreamRegistry(clock);
        catalog.addListener(streams);
        this.dataDirectory = options.dataDir() == null ? null
                : DataDirectory.open(options.dataDir(), catalog, timeseries, SNAPSHOT_INTERVAL_MILLIS);
        ActionRegistry registry = new ActionRegistry();
        new TableActions(catalog).register(registry);
        new RowActions(catalog).register(registry);
        new BatchWriteActions(catalog, faults).register(registry);
        new TimeseriesActions(timeseries, catalog, faults, clock).register(registry);
        new StreamActions(streams).register(registry);

        this.keys = new AccessKeys(Map.of(options.accessKeyId(), options.accessKeySecret()),
                options.accessKeySecret(), options.strict(), options.clock());
        this.executor = Executors.newFixedThreadPool(options.threads(), daemonThreads());
        try {
            this.server = HttpServer.create(new InetSocketAddress(options.bindAddress(), options.port()), 256);
        } catch (IOException e) {
            executor.shutdownNow();
            if (dataDirectory != null) {
                dataDirectory.close();
            }
            throw e;
        }
        server.createContext("/", new OtsHttpHandler(registry, keys, options.instanceName(), faults, keyUsage));
        server.createContext(FaultAdminHandler.PATH, new FaultAdminHandler(faults));
        server.setExecutor(executor);
        server.start();
        try {
            this.sts = options.sts() ? new StsEndpoint(options.bindAddress(), keys) : null;
        } catch (RuntimeException e) {
            server.stop(0);
            executor.shutdownNow();
            if (dataDirectory != null) {
                dataDirectory.close();
            }
            throw e;
        }
        LOG.info("Tablestore emulator listening on {} (instance {}, strict={}, sts={})", endpoint(), options.instanceName(),
                options.strict(), sts == null ? "off" : sts.endpoint());
    }

    /** Starts an emulator; close it to stop. */
    public static TablestoreEmulator start(TablestoreEmulatorOptions options) {
        try {
            return new TablestoreEmulator(options);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the Tablestore emulator on " + options.bindAddress() + ":"
                    + options.port(), e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: what the SDK takes as endpoint. */
    public String endpoint() {
        return "http://" + hostForUrl() + ":" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String instanceName() {
        return options.instanceName();
    }

    public String accessKeyId() {
        return options.accessKeyId();
    }

    public String accessKeySecret() {
        return options.accessKeySecret();
    }

    /**
     * The STS endpoint, {@code https://127.0.0.1:<port>}; clients trust its certificate through
     * {@link StsEndpoint#clientSslContext()}.
     *
     * @throws IllegalStateException unless the emulator was started with {@code sts(true)}
     */
    public String stsEndpoint() {
        if (sts == null) {
            throw new IllegalStateException("the emulator was started without sts(true)");
        }
        return sts.endpoint();
    }

    /**
     * Issues a temporary key as the STS endpoint does, valid for {@code lifetime} on the emulator's
     * clock; it works whether or not the STS endpoint runs.
     */
    public AccessKeys.TemporaryKey issueTemporaryKey(Duration lifetime) {
        return keys.issue(lifetime);
    }

    /** Whether this access key id is one of the temporary keys issued here. */
    public boolean isTemporaryKey(String accessKeyId) {
        return keys.isTemporary(accessKeyId);
    }

    /** Accepted requests per access key id and action, since the start. */
    public Map<String, Map<String, Long>> requestsByAccessKey() {
        return keyUsage.snapshot();
    }

    /** The fault injector of this emulator (also reachable over HTTP under /_sinkline/faults). */
    public FaultInjector faults() {
        return faults;
    }

    /** Stream control for tests: split and merge shards of a table's stream (reads go through the SDK). */
    public StreamRegistry streams() {
        return streams;
    }

    private String hostForUrl() {
        String host = server.getAddress().getAddress().getHostAddress();
        if ("0.0.0.0".equals(host)) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public void close() {
        if (sts != null) {
            sts.close();
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (dataDirectory != null) {
            dataDirectory.close(); // after the server stopped, so the snapshot has every acknowledged write
        }
        LOG.info("Tablestore emulator on port {} stopped", port());
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "ots-emulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
