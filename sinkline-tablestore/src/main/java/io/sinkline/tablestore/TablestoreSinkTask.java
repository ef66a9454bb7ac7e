package io.sinkline.tablestore;

import com.alicloud.openservices.tablestore.AsyncClient;
import com.alicloud.openservices.tablestore.model.RowChange;
import io.sinkline.core.errors.ErrorHandler;
import io.sinkline.core.errors.FailedRecord;
import io.sinkline.core.errors.RecordFailedException;
import io.sinkline.core.filter.EventPattern;
import io.sinkline.core.metrics.SinkTaskMetrics;
import io.sinkline.core.offsets.CommitOccasion;
import io.sinkline.core.offsets.IdleCommit;
import io.sinkline.core.offsets.OffsetTracker;
import io.sinkline.core.offsets.PendingRecord;
import io.sinkline.core.record.PayloadDecoder;
import io.sinkline.core.record.RecordView;
import io.sinkline.tablestore.auth.TablestoreClients;
import io.sinkline.tablestore.config.TablestoreMode;
import io.sinkline.tablestore.config.TablestoreSinkConfig;
import io.sinkline.tablestore.errors.ErrorReporters;
import io.sinkline.tablestore.mapping.RowMapper;
import io.sinkline.tablestore.schema.TableSchemas;
import io.sinkline.tablestore.timeseries.TimeseriesSink;
import io.sinkline.tablestore.write.Delivery;
import io.sinkline.tablestore.write.DeliveryListener;
import io.sinkline.tablestore.write.RowWriter;
import io.sinkline.tablestore.write.WriterSettings;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps records to rows and hands them to the writer without waiting for the service; commits
 * (through {@link #preCommit}) only offsets whose rows were acknowledged or whose records went to
 * the error policy. Everything here belongs to this task: nothing is shared through static state.
 */
public class TablestoreSinkTask extends SinkTask {
    static final String TASK_ID = "sinkline.task.id";
    private static final Logger log = LoggerFactory.getLogger(TablestoreSinkTask.class);
    /** How long the commit before partitions close waits for their rows, and for any one of them to settle. */
    private static final Duration CLOSING_COMMIT_MAX_WAIT = Duration.ofSeconds(30);
    private static final Duration CLOSING_COMMIT_MAX_STALL = Duration.ofSeconds(2);

    private TablestoreSinkConfig config;
    private String connectorName;
    private int taskId;
    private OffsetTracker tracker;
    private SinkTaskMetrics metrics;
    private AsyncClient client;
    private ErrorHandler errors;
    private EventPattern filter;
    private PayloadDecoder decoder;
    private RowWriter writer;
    private DataTableRoutes routes;
    private TimeseriesSink timeseries;
    private IdleCommit idleCommit;
    private final AtomicReference<ConnectException> fatal = new AtomicReference<>();

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new TablestoreSinkConfig(props);
        connectorName = props.getOrDefault("name", "tablestore-sink");
        taskId = Integer.parseInt(props.getOrDefault(TASK_ID, "0"));
        tracker = new OffsetTracker();
        metrics = SinkTaskMetrics.register("tablestore", connectorName, taskId);
        client = TablestoreClients.create(config, config.maxConcurrency());
        errors = new ErrorHandler(config.errorTolerance(),
                ErrorReporters.create(config, context, client, connectorName, taskId));
        filter = config.filterPattern().isBlank() ? null : EventPattern.parse(config.filterPattern());
        decoder = new PayloadDecoder(config.payloadFormat());
        if (config.tablestoreMode() == TablestoreMode.TIMESERIES) {
            timeseries = new TimeseriesSink(config, client, new Listener(), connectorName + "-" + taskId);
        } else {
            writer = new RowWriter(client, metrics, WriterSettings.from(config), config.retryPolicy(),
                    new Listener(), config.senderThreads(), "tablestore-" + connectorName + "-" + taskId);
            routes = new DataTableRoutes(config, new TableSchemas(client.asSyncClient(), config.autoCreate()));
            idleCommit = new IdleCommit(context, writer::inFlight, writer::flushSoon);
        }
        log.info("Tablestore sink task {} of '{}' started: endpoint {}, instance {}, mode {}", taskId, connectorName,
                config.endpoint(), config.instanceName(), config.tablestoreMode());
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        tracker.open(partitions);
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        tracker.close(partitions);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        throwIfFailed();
        errors.throwIfFailed(); // a lost error report fails the task; Kafka redelivers from the last commit
        for (SinkRecord record : records) {
            PendingRecord pending = tracker.track(record);
            Delivery delivery = new Delivery(record, pending);
            RecordView view = RecordView.of(record, decoder);
            try {
                if (filter != null && !filter.matches(config.jsonPathOverEnvelope() ? view.envelope() : view.document())) {
                    pending.ack(); // filtered out by the configured event pattern
                    continue;
                }
                if (timeseries != null) {
                    timeseries.write(view, delivery);
                } else {
                    RowMapper mapper = routes.forTopic(record.topic());
                    RowChange change = mapper.map(view);
                    writer.write(mapper.table(), change, delivery);
                }
            } catch (DataException e) {
                reject(delivery, e.getMessage(), e);
            }
        }
        throwIfFailed();
        if (idleCommit != null) {
            idleCommit.afterPut(records.size());
        }
    }

    /** A record that will not be written: to the error policy, or the task fails (tolerance none). */
    private void reject(Delivery delivery, String reason, Throwable cause) {
        errors.handle(new FailedRecord(delivery.record(), reason, cause));
        metrics.recordsFailed(1);
        delivery.pending().ack();
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        // Even after a fatal row failure the acknowledged prefix is safe to commit; put() fails the task.
        if (timeseries != null) {
            timeseries.flushDue();
        }
        if (!CommitOccasion.isPeriodic()) {
            settleBeforeClose(currentOffsets.keySet());
        }
        Map<TopicPartition, OffsetAndMetadata> safe = tracker.committableOffsets(currentOffsets);
        errors.flush();
        return safe;
    }

    /**
     * The commit right before partitions close (a rebalance, a stop; Connect passes it only their
     * offsets): sends the rows the writer holds now and waits until every record of those
     * partitions is settled, so that their offsets go out with this commit. A row still in flight
     * when its partition moves would land after the next owner read its record again, and with
     * {@code insert.order.enable} possibly after that owner wrote the key's later rows. The wait
     * ends after 30 s, or after 2 s in which no record settled (writes failing, a retry backing
     * off): those records are read again by the next owner.
     */
    private void settleBeforeClose(Collection<TopicPartition> closing) {
        if (writer != null) {
            writer.flushSoon();
        }
        if (!tracker.awaitSettled(closing, CLOSING_COMMIT_MAX_WAIT, CLOSING_COMMIT_MAX_STALL)) {
            log.info("Records of {} were still unsettled at the commit before they close (writes failing or waiting"
                    + " for a retry); the next owner reads them again", closing);
        }
    }

    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        // preCommit() decides what is committed; nothing to force here.
    }

    private void throwIfFailed() {
        ConnectException failure = fatal.get();
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void stop() {
        closeQuietly(writer, "writer");
        closeQuietly(timeseries, "time-series writer");
        closeQuietly(errors, "error reporter");
        if (client != null) {
            client.shutdown();
        }
        closeQuietly(metrics, "metrics");
    }

    private static void closeQuietly(AutoCloseable closeable, String what) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Closing the {} failed: {}", what, e.getMessage());
        }
    }

    /** Writer callbacks (writer threads). */
    private final class Listener implements DeliveryListener {
        @Override
        public void written(Delivery delivery) {
            metrics.recordsWritten(1); // before the ack: a committed offset implies its rows are counted
            delivery.pending().ack();
        }

        @Override
        public void retrying(Delivery delivery, Throwable cause) {
            metrics.recordsRetried(1);
            log.debug("Retrying {}: {}", delivery.pending(), cause.getMessage());
        }

        @Override
        public void failed(Delivery delivery, String reason, Throwable cause) {
            try {
                reject(delivery, reason, cause);
            } catch (RecordFailedException e) {
                fatal.compareAndSet(null, e);
            } catch (RuntimeException e) {
                fatal.compareAndSet(null, new ConnectException("reporting a failed record failed: " + e.getMessage(), e));
            }
        }
    }
}
