package io.sinkline.emulator.tablestore.storage;

import io.sinkline.emulator.tablestore.engine.TableCatalog;
import io.sinkline.emulator.tablestore.timeseries.TimeseriesCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the emulator's data in a directory across restarts: loads the snapshot at start, writes a
 * new one (to a temporary file, then an atomic rename) every few seconds when something changed,
 * and at close.
 */
public final class DataDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    static final String FILE = "tablestore.snapshot";

    private final Path file;
    private final TableCatalog tables;
    private final TimeseriesCatalog timeseries;
    private final ScheduledExecutorService scheduler;
    private long savedTables = -1;
    private long savedTimeseries = -1;

    private DataDirectory(Path dir, TableCatalog tables, TimeseriesCatalog timeseries, long intervalMillis) {
        this.file = dir.resolve(FILE);
        this.tables = tables;
        this.timeseries = timeseries;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ots-emulator-snapshot");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::saveQuietly, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Loads what the directory holds into the (empty) catalogs and keeps saving them there. */
    public static DataDirectory open(Path dir, TableCatalog tables, TimeseriesCatalog timeseries, long intervalMillis) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE);
            if (Files.exists(file)) {
                try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                    Snapshot.read(in, tables, timeseries);
                }
                LOG.info("Loaded {} tables and {} time-series tables from {}", tables.names().size(),
                        timeseries.tables().size(), file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the Tablestore emulator data from " + dir, e);
        }
        DataDirectory d = new DataDirectory(dir, tables, timeseries, intervalMillis);
        d.savedTables = tables.changeCount();
        d.savedTimeseries = timeseries.changeCount();
        return d;
    }

    /** Writes a snapshot if anything changed since the last one. */
    public synchronized void save() throws IOException {
        long t = tables.changeCount();
        long ts = timeseries.changeCount();
        if (t == savedTables && ts == savedTimeseries) {
            return;
        }
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            Snapshot.write(out, tables, timeseries);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        savedTables = t;
        savedTimeseries = ts;
    }

    private void saveQuietly() {
        try {
            save();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Saving the Tablestore emulator snapshot to {} failed", file, e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
            save();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException("Saving the Tablestore emulator snapshot to " + file + " failed", e);
        }
    }
}
