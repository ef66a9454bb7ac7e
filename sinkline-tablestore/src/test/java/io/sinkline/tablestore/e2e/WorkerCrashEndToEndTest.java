package io.sinkline.tablestore.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.model.Row;
import io.sinkline.testing.Await;
import io.sinkline.testing.ForkedConnectWorker;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * At least once under a crash: two distributed workers (one in a child JVM), tasks.max=4, a
 * 6-partition topic of 200k records; the child worker is SIGKILLed mid-run and a new one joins.
 * Every record ends up in the table.
 */
class WorkerCrashEndToEndTest extends EndToEndTest {
    private static final int RECORDS = 200_000;
    private static final int PARTITIONS = 6;
    private static final Duration WAIT = Duration.ofSeconds(180);

    private long committed() {
        return kafka.committedOffsets("crash").values().stream().mapToLong(o -> o.offset()).sum();
    }

    @Test
    void aKilledWorkerLosesNothing() {
        kafka.createTopic("crash", PARTITIONS);
        ForkedConnectWorker doomed = kafka.startForkedWorker();
        Map<String, String> config = tables.connectorConfig("crash");
        config.put("tasks.max", "4");
        config.put("primarykey.mode", "record_value");
        config.put("tablestore.crash.primarykey.name", "id");
        config.put("tablestore.crash.primarykey.type", "integer");
        config.put("flush.Interval", "100");
        kafka.deployConnector("crash", config);
        kafka.awaitConnectorRunning("crash", 4, Duration.ofSeconds(90));
        String doomedWorker = "localhost:" + doomed.restUrl().getPort();
        Await.until("a task runs on the child worker", Duration.ofSeconds(90), () ->
                kafka.connectorStatus("crash").tasks().stream().anyMatch(t -> t.workerId().equals(doomedWorker)));

        // Slow writes a little so that the crash lands mid-run.
        ots.faults().addLatency("BatchWriteRow", Duration.ofMillis(15));
        for (int i = 0; i < RECORDS; i++) {
            producing.send("crash", i % PARTITIONS, Integer.toString(i), "{\"id\":" + i + ",\"n\":\"v" + i + "\"}");
        }
        producing.flush();

        Await.until("a fifth of the records committed", WAIT, () -> committed() >= RECORDS / 5);
        assertThat(committed()).isLessThan(RECORDS);
        doomed.kill();
        ForkedConnectWorker replacement = kafka.startForkedWorker();
        try {
            Await.until("every partition committed to its end", WAIT, () -> committed() >= RECORDS);
            for (int p = 0; p < PARTITIONS; p++) {
                TopicPartition tp = new TopicPartition("crash", p);
                assertThat(kafka.committedOffsets("crash").get(tp).offset()).isEqualTo(Tables.endOffset(kafka, tp));
            }
            List<Row> rows = tables.rows("crash");
            BitSet ids = new BitSet(RECORDS);
            rows.forEach(r -> ids.set(((Long) Tables.pk(r, "id")).intValue()));
            assertThat(ids.cardinality()).isEqualTo(RECORDS);
            assertThat(rows).hasSize(RECORDS);
        } finally {
            ots.faults().clear();
            kafka.deleteConnector("crash");
            replacement.close();
            doomed.close();
        }
    }
}
