package io.sinkline.tablestore.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.AsyncClient;
import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.Condition;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.GetRowRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.RowExistenceExpectation;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.SingleRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import io.sinkline.core.errors.RetryPolicy;
import io.sinkline.core.metrics.SinkTaskMetrics;
import io.sinkline.core.offsets.OffsetTracker;
import io.sinkline.emulator.tablestore.TablestoreEmulator;
import io.sinkline.emulator.tablestore.TablestoreEmulatorOptions;
import io.sinkline.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The row writer against the emulator, everything read back through the SDK. Batching: requests
 * of at most the configured rows, sent when full, at the flush interval, or when the buffer is
 * full; a request that fails as a whole for a reason retrying cannot fix is sent again row by row.
 * {@code insert.order.enable}: the rows of one primary key land in record order even when the
 * first one fails and is retried later, while rows of other keys are not held back. The
 * emulator fails chosen rows and requests.
 */
class RowWriterTest {
    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final Duration WAIT = Duration.ofSeconds(60);
    // Long enough that the writes of the other key are answered well before the retry.
    private static final RetryPolicy RETRY = RetryPolicy.exponentialDecay(Duration.ofSeconds(3), Duration.ofSeconds(3), 3,
            Duration.ofMinutes(1));

    private static TablestoreEmulator ots;
    private static SyncClient sync;
    private static AsyncClient async;

    private final OffsetTracker tracker = new OffsetTracker();
    private final Events events = new Events();
    private final SinkTaskMetrics metrics = SinkTaskMetrics.register("tablestore", "row-writer-test", 0);

    @BeforeAll
    static void start() {
        ots = TablestoreEmulator.start(TablestoreEmulatorOptions.builder().port(0).build());
        sync = new SyncClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName());
        async = new AsyncClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instanceName());
    }

    @AfterEach
    void closeMetrics() {
        metrics.close();
    }

    @AfterAll
    static void stop() {
        async.shutdown();
        sync.shutdown();
        ots.close();
    }

    @Test
    void rowsGoOutInRequestsOfAtMostTheConfiguredRows() {
        String table = createTable("batched");
        try (RowWriter writer = writer(new WriterSettings(50, 4 * 1024 * 1024, 4, 1024, 60_000, 1, false), "batch-test")) {
            writeRows(writer, table, 120);
            writer.flush();
            Await.until("120 rows written", WAIT, () -> events.written.size() == 120);
            assertThat(metrics.getBatchesWritten()).as("50 + 50 + the 20 that flush() sent").isEqualTo(3);
            assertThat(metrics.getBatchSizeMax()).isEqualTo(50);
            assertThat(metrics.getInFlightRequests()).isZero();
        }
        assertThat(version(table, 119)).isEqualTo(1);
    }

    @Test
    void theFlushIntervalSendsAPartlyFilledRequest() {
        String table = createTable("interval");
        try (RowWriter writer = writer(new WriterSettings(200, 4 * 1024 * 1024, 4, 1024, 200, 1, false), "interval-test")) {
            writeRows(writer, table, 3);
            Await.until("three rows written without flush()", WAIT, () -> events.written.size() == 3);
        }
    }

    @Test
    @Timeout(120) // a writer that waits for the flush interval instead would block write() for 10 minutes
    void aFullBufferSendsItsRowsAtOnceInsteadOfWaitingForTheFlushInterval() {
        String table = createTable("buffer");
        // Four rows of buffer, 200-row requests, and a flush interval longer than the test's wait.
        try (RowWriter writer = writer(new WriterSettings(200, 4 * 1024 * 1024, 4, 4, 600_000, 1, false), "buffer-test")) {
            writeRows(writer, table, 10);
            Await.until("the eight rows of the two full buffers written", WAIT, () -> events.written.size() == 8);
            assertThat(writer.inFlight()).as("the last two rows wait for the flush interval or flush()").isEqualTo(2);
            writer.flush();
            Await.until("all ten rows written", WAIT, () -> events.written.size() == 10);
        }
    }

    @Test
    void aRequestRefusedAsAWholeIsSentAgainRowByRow() {
        String table = createTable("isolated");
        try (RowWriter writer = writer(false)) {
            writer.open(table);
            // Not retryable: one bad row can make the service refuse a whole BatchWriteRow.
            ots.faults().failNextRequests("BatchWriteRow", 1, "OTSParameterInvalid");
            writeRows(writer, table, 3);
            writer.flush();
            Await.until("the three rows written one by one", WAIT, () -> events.written.size() == 3);
        }
        assertThat(events.failed).isEmpty();
        assertThat(events.retried).as("sent again at once, not after a retry delay").isEmpty();
        assertThat(version(table, 2)).isEqualTo(1);
    }

    @Test
    void aRetriedRowLandsBeforeTheLaterRowsOfItsKeyAndOtherKeysGoOn() {
        String table = createTable("retried");
        try (RowWriter writer = writer(true)) {
            writer.open(table);
            // Not retried by the SDK client (writes are not idempotent), retryable for the connector.
            ots.faults().failRows("BatchWriteRow", 1.0, "OTSInternalServerError", 1);
            writer.write(table, put(table, 1, 1), delivery(0));
            writer.flush(); // answered: row 0 failed, its retry is 3 s away
            writer.write(table, put(table, 1, 2), delivery(1));
            writer.write(table, put(table, 1, 3), delivery(2));
            writer.write(table, put(table, 2, 1), delivery(3));
            writer.flush();

            assertThat(version(table, 2)).as("another key is not held back by the retry").isEqualTo(1);
            assertThat(version(table, 1)).as("key 1 waits for its retried first row").isNull();

            Await.until("all four rows written", WAIT, () -> events.written.size() == 4);
        }
        assertThat(events.retried).containsExactly(0L);
        assertThat(events.failed).isEmpty();
        assertThat(events.written).containsSubsequence(0L, 1L, 2L);
        assertThat(version(table, 1)).as("the last record of key 1 wins").isEqualTo(3);
        assertThat(tracker.committableOffsets()).containsEntry(TP, new OffsetAndMetadata(4));
    }

    @Test
    void aRowThatFailsForGoodLetsTheLaterRowsOfItsKeyGo() {
        String table = createTable("rejected");
        try (RowWriter writer = writer(true)) {
            writer.open(table);
            ots.faults().failRows("BatchWriteRow", 1.0, "OTSParameterInvalid", 1);
            writer.write(table, put(table, 1, 1), delivery(0));
            writer.write(table, put(table, 1, 2), delivery(1));
            writer.write(table, put(table, 1, 3), delivery(2));
            writer.flush();
            Await.until("row 0 failed and rows 1 and 2 written", WAIT,
                    () -> events.failed.size() == 1 && events.written.size() == 2);
        }
        assertThat(events.failed).containsExactly(0L);
        assertThat(events.written).containsExactly(1L, 2L);
        assertThat(version(table, 1)).isEqualTo(3);
    }

    @Test
    void unorderedWritesHandEveryRowOverAtOnce() {
        String table = createTable("unordered");
        try (RowWriter writer = writer(false)) {
            writer.open(table);
            for (int v = 1; v <= 3; v++) {
                writer.write(table, put(table, 1, v), delivery(v - 1));
            }
            writer.flush();
            Await.until("three rows written", WAIT, () -> events.written.size() == 3);
            assertThat(writer.inFlight()).isZero();
        }
        assertThat(events.written).containsExactlyInAnyOrder(0L, 1L, 2L);
        assertThat(version(table, 1)).isNotNull();
    }

    /** Rows 0 to {@code rows - 1} of {@code table}, each at version 1, with the same offsets. */
    private void writeRows(RowWriter writer, String table, int rows) {
        for (int id = 0; id < rows; id++) {
            writer.write(table, put(table, id, 1), delivery(id));
        }
    }

    /** A writer with these settings, this test's metrics, retry policy and listener. */
    private RowWriter writer(WriterSettings settings, String name) {
        return new RowWriter(async, metrics, settings, RETRY, events, 2, name);
    }

    private RowWriter writer(boolean ordered) {
        // A long flush interval: rows go out on flush() or, held back ones, when they are released.
        return writer(new WriterSettings(200, 4 * 1024 * 1024, 4, 256, 60_000, 2, ordered), "ordered-test");
    }

    private static String createTable(String name) {
        TableMeta meta = new TableMeta(name);
        meta.addPrimaryKeyColumn("id", PrimaryKeyType.INTEGER);
        sync.createTable(new CreateTableRequest(meta, new TableOptions(-1, 1)));
        return name;
    }

    private static PrimaryKey key(long id) {
        return PrimaryKeyBuilder.createPrimaryKeyBuilder().addPrimaryKeyColumn("id", PrimaryKeyValue.fromLong(id)).build();
    }

    private static RowPutChange put(String table, long id, long version) {
        RowPutChange change = TrackedRows.put(table, key(id));
        change.addColumn("v", ColumnValue.fromLong(version));
        change.setCondition(new Condition(RowExistenceExpectation.IGNORE));
        return change;
    }

    /** The row's {@code v}, or null when the row does not exist. */
    private static Long version(String table, long id) {
        SingleRowQueryCriteria criteria = new SingleRowQueryCriteria(table, key(id));
        criteria.setMaxVersions(1);
        Row row = sync.getRow(new GetRowRequest(criteria)).getRow();
        return row == null ? null : row.getLatestColumn("v").getValue().asLong();
    }

    private Delivery delivery(long offset) {
        SinkRecord record = new SinkRecord(TP.topic(), TP.partition(), null, null, null, "{}", offset);
        return new Delivery(record, tracker.track(TP, offset));
    }

    /** Offsets in the order the writer reported them. */
    private static final class Events implements DeliveryListener {
        final List<Long> written = new CopyOnWriteArrayList<>();
        final List<Long> retried = new CopyOnWriteArrayList<>();
        final List<Long> failed = new CopyOnWriteArrayList<>();

        @Override
        public void written(Delivery delivery) {
            delivery.pending().ack();
            written.add(delivery.pending().offset());
        }

        @Override
        public void retrying(Delivery delivery, Throwable cause) {
            retried.add(delivery.pending().offset());
        }

        @Override
        public void failed(Delivery delivery, String reason, Throwable cause) {
            delivery.pending().ack();
            failed.add(delivery.pending().offset());
        }
    }
}
