package io.sinkline.maxcompute;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.aliyun.odps.Odps;
import com.aliyun.odps.OdpsException;
import com.aliyun.odps.Table;
import com.aliyun.odps.TableSchema;
import com.aliyun.odps.tunnel.TableTunnel;

import io.sinkline.core.errors.ErrorHandler;
import io.sinkline.core.errors.RetryPolicy;
import io.sinkline.core.metrics.SinkTaskMetrics;
import io.sinkline.core.offsets.CommitOccasion;
import io.sinkline.core.offsets.IdleCommit;
import io.sinkline.core.offsets.OffsetTracker;
import io.sinkline.maxcompute.auth.OdpsClients;
import io.sinkline.maxcompute.config.MaxComputeSinkConfig;
import io.sinkline.maxcompute.errors.ErrorPolicyFactory;
import io.sinkline.maxcompute.format.RowFormatter;
import io.sinkline.maxcompute.format.RowFormatters;
import io.sinkline.maxcompute.format.TableLayout;
import io.sinkline.maxcompute.partition.PartitionValueResolver;
import io.sinkline.maxcompute.tunnel.BatchTunnelWriter;
import io.sinkline.maxcompute.tunnel.BlockBuffer;
import io.sinkline.maxcompute.tunnel.BlockFormat;
import io.sinkline.maxcompute.tunnel.PartitionCreator;
import io.sinkline.maxcompute.tunnel.StreamingTunnelWriter;
import io.sinkline.maxcompute.tunnel.TableWriter;
import io.sinkline.maxcompute.tunnel.TunnelTarget;
import io.sinkline.maxcompute.tunnel.WriteRetries;

/** Wires the configuration, the SDK clients and the {@link SinkPipeline} of one task. */
public final class MaxComputeSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(MaxComputeSinkTask.class);
    static final String TASK_ID = "sinkline.task.id";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PRECOMMIT_MAX_WAIT = Duration.ofSeconds(30);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);

    private ExecutorService pool;
    private TableWriter writer;
    private ErrorHandler errors;
    private SinkPipeline pipeline;
    private SinkTaskMetrics metrics;
    private IdleCommit idleCommit;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        MaxComputeSinkConfig config = new MaxComputeSinkConfig(props);
        String connector = props.getOrDefault("name", "maxcompute-sink");
        int taskId = Integer.parseInt(props.getOrDefault(TASK_ID, "0"));

        Odps odps = OdpsClients.odps(config);
        TableTunnel tunnel = OdpsClients.tunnel(odps, config);
        String schema = OdpsClients.schemaOrNull(config);
        TableSchema tableSchema = describeTableWithRetries(odps, config, schema);
        TableLayout layout = TableLayout.of(config.table(), tableSchema, config.format(), config.mode());
        RowFormatter formatter = RowFormatters.create(config.format(), config.mode(), layout,
                config.csvDelimiter(), config.csvNullValue(), config.timeZone());
        TunnelTarget target = new TunnelTarget(odps, tunnel, config.project(), schema, config.table(),
                layout.partitionColumn(), config.tunnelCompression().option());

        metrics = SinkTaskMetrics.register("maxcompute", connector, taskId);
        pool = Executors.newFixedThreadPool(config.sinkPoolSize(), threads(connector + "-" + taskId));
        WriteRetries retries = new WriteRetries(writeRetryPolicy(config), pool, metrics);
        PartitionCreator partitions = new PartitionCreator(target);
        BlockBuffer blocks = null;
        BatchTunnelWriter batchWriter = null;
        if (config.useStreaming()) {
            writer = new StreamingTunnelWriter(target, partitions, config.recordBatchSize(), pool, retries, metrics);
        } else {
            BlockFormat blockFormat = new BlockFormat(tableSchema.getColumns(), target.compression(), config.recordBatchSize());
            blocks = new BlockBuffer(blockFormat);
            batchWriter = new BatchTunnelWriter(target, blockFormat, partitions, config.recordBatchSize(), pool, retries, metrics);
            writer = batchWriter;
        }
        errors = ErrorPolicyFactory.create(config, props, context, connector, taskId);

        Function<SinkRecord, String> tablePartitionOf;
        if (layout.partitionColumn().isPresent()) {
            PartitionValueResolver resolver = new PartitionValueResolver(config.partitionWindow(), config.timeZone(),
                    config.partitionTimeSource(), config.partitionValueStyle(), Clock.systemUTC());
            tablePartitionOf = resolver::valueFor;
        } else {
            tablePartitionOf = record -> "";
        }
        pipeline = new SinkPipeline(formatter, tablePartitionOf, writer, blocks, batchWriter, context::offset, errors,
                metrics, new OffsetTracker(), config.bufferSizeBytes(), config.flushIntervalMs(), Clock.systemUTC());
        // no flush on a pause: each batch flush is an upload session, and a trickle must not make one per record
        idleCommit = new IdleCommit(context, pipeline::pendingRecords, () -> { });
        LOG.info("Task {} of {} writes {} as {}/{} through the {} Tunnel", taskId, connector, target.describe(),
                config.format(), config.mode(), config.useStreaming() ? "streaming" : "batch");
    }

    /**
     * Connect does not restart a task whose start() failed, so a service that is briefly
     * unreachable or busy must not fail it: transient errors are retried under the write retry
     * policy; a missing table fails at once.
     */
    private static TableSchema describeTableWithRetries(Odps odps, MaxComputeSinkConfig config, String schema) {
        RetryPolicy.Attempts attempts = writeRetryPolicy(config).start();
        while (true) {
            try {
                return describeTable(odps, config, schema);
            } catch (TableNotFoundException e) {
                throw e;
            } catch (RuntimeException e) {
                Optional<Duration> delay = attempts.nextDelay();
                if (delay.isEmpty()) {
                    throw e;
                }
                LOG.warn("Reading table {} failed ({}); retry {} in {} ms", config.table(), e.getMessage(),
                        attempts.retries(), delay.get().toMillis());
                sleep(delay.get());
            }
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while starting", e);
        }
    }

    private static RetryPolicy writeRetryPolicy(MaxComputeSinkConfig config) {
        return RetryPolicy.exponentialDecay(Duration.ofMillis(Math.max(1, config.writeRetryBackoffMs())),
                MAX_RETRY_DELAY, config.writeRetries(), Duration.ofMinutes(15));
    }

    /** The table is not there: retrying will not help. */
    static final class TableNotFoundException extends ConnectException {
        TableNotFoundException(String message) {
            super(message);
        }
    }

    private static TableSchema describeTable(Odps odps, MaxComputeSinkConfig config, String schema) {
        try {
            boolean exists = schema == null
                    ? odps.tables().exists(config.project(), config.table())
                    : odps.tables().exists(config.project(), schema, config.table());
            if (!exists) {
                throw new TableNotFoundException("Table " + config.table() + " does not exist in project " + config.project()
                        + "; create it first (the README shows the columns each format needs)");
            }
            Table table = schema == null ? odps.tables().get(config.project(), config.table())
                    : odps.tables().get(config.project(), schema, config.table());
            table.reload();
            return table.getSchema();
        } catch (OdpsException e) {
            throw new ConnectException("Could not read table " + config.table() + " of project " + config.project()
                    + " at " + config.endpoint() + ": " + e.getMessage(), e);
        }
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "sinkline-maxcompute-" + name + "-upload-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        pipeline.open(partitions);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        pipeline.put(records);
        idleCommit.afterPut(records.size());
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        // Only the commit before a revocation or stop writes (the closing partitions' rows) and waits
        // (see CommitOccasion); Connect passes the closing partitions' offsets only.
        return CommitOccasion.isPeriodic()
                ? pipeline.preCommit()
                : pipeline.preCommitBeforeClose(currentOffsets.keySet(), PRECOMMIT_MAX_WAIT);
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        if (pipeline != null) {
            pipeline.close(partitions);
        }
    }

    @Override
    public void stop() {
        if (pipeline != null) {
            pipeline.stop(STOP_TIMEOUT);
        }
        if (writer != null) {
            writer.close();
        }
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (errors != null) {
            errors.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
