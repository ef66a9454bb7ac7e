package io.sinkline.maxcompute.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sinkline.emulator.maxcompute.faults.FaultTarget;
import io.sinkline.testing.Await;
import io.sinkline.testing.ForkedConnectWorker;
import io.sinkline.testing.ProducedRecord;

/**
 * At least once under failures: a service failing 5% of block uploads, commits and stream writes;
 * and a Connect worker killed (SIGKILL) mid-run and replaced. Every record must be in the table;
 * duplicates are allowed (bounded by the uncommitted window) and reported.
 */
class ReliabilityEndToEndTest extends EndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(ReliabilityEndToEndTest.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final List<FaultTarget> FAULTED = List.of(FaultTarget.TUNNEL_UPLOAD_BLOCK, FaultTarget.TUNNEL_UPLOAD_COMMIT,
            FaultTarget.TUNNEL_STREAM_WRITE);

    @AfterEach
    void clearFaults() {
        mc.mc.faults().clear();
    }

    private void createTable(String table) {
        mc.sql("CREATE TABLE IF NOT EXISTS " + table + "(topic STRING, `partition` BIGINT, `offset` BIGINT, key STRING,"
                + " value STRING) PARTITIONED BY (pt STRING);");
    }

    private void produce(String topic, int partitions, int from, int to) {
        for (int i = from; i < to; i++) {
            kafka.producer().send(ProducedRecord.to(topic).partition(i % partitions).key("k" + i).value("value-" + i));
        }
        kafka.producer().flush();
    }

    private long awaitAllRecords(String table, long expected) {
        long[] seen = {0};
        Await.until(table + " holds all " + expected + " records", TIMEOUT, () -> {
            seen[0] = mc.distinctRecords(table, "");
            return seen[0] >= expected;
        });
        return seen[0];
    }

    @Test
    void everyRecordLandsWhenFivePercentOfUploadsAndCommitsFail() {
        int records = 30_000;
        mc.mc.faults()
                .errorRate(FaultTarget.TUNNEL_UPLOAD_BLOCK, 0.05, 500, "InternalServerError")
                .errorRate(FaultTarget.TUNNEL_UPLOAD_COMMIT, 0.05, 500, "InternalServerError")
                .errorRate(FaultTarget.TUNNEL_STREAM_WRITE, 0.05, 500, "InternalServerError");
        for (FaultTarget target : FAULTED) {
            // a run this size makes a few commits and tens of uploads, which 5% may all miss: two fail for sure
            mc.mc.faults().failNext(target, 2, 500, "InternalServerError");
        }
        for (String tunnel : List.of("batch", "stream")) {
            String name = "faulty_" + tunnel;
            createTable(name);
            kafka.createTopic(name, 3);
            stack.awaitLeaders(name, 3);
            produce(name, 3, 0, records);
            Map<String, String> config = mc.connectorConfig(name, name);
            config.put("tasks.max", "2");
            config.put("use_streaming", Boolean.toString(tunnel.equals("stream")));
            config.put("record_batch_size", "500");
            config.put("buffer_size_kb", "1024");
            config.put("write_retries", "10");
            kafka.deployConnector(name, config);
        }
        for (String tunnel : List.of("batch", "stream")) {
            String name = "faulty_" + tunnel;
            assertThat(awaitAllRecords(name, records)).isEqualTo(records);
            long total = mc.count(name);
            LOG.warn("{} tunnel with 5% failures: {} records, {} rows, {} duplicates, {} rows retried, {} requests (JMX)", tunnel,
                    records, total, total - records, JmxMetrics.sinkTasks(name, "RecordsRetried"),
                    JmxMetrics.sinkTasks(name, "BatchesWritten"));
            assertThat(JmxMetrics.sinkTasks(name, "RecordsWritten")).as("rows acknowledged, from JMX").isGreaterThanOrEqualTo(records);
            assertThat(kafka.connectorStatus(name).tasks()).allSatisfy(task -> assertThat(task.state()).isEqualTo("RUNNING"));
            kafka.deleteConnector(name);
        }
        // The faults really happened (stream writes that fail are retried inside the SDK's writeBlock, so the
        // stream connector's own retry count stays 0; its records landing is what this shows for it).
        for (FaultTarget target : FAULTED) {
            LOG.warn("faults injected into {}: {}", target, mc.mc.faults().injected(target));
            assertThat(mc.mc.faults().injected(target)).as("faults injected into %s", target).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aKilledWorkerLosesNoRecord() throws Exception {
        int records = 200_000;
        String name = "crash";
        createTable(name);
        kafka.createTopic(name, 6);
        stack.awaitLeaders(name, 6);
        produce(name, 6, 0, 6); // one record per partition first: the bulk then meets settled leaders
        ForkedConnectWorker doomed = kafka.startForkedWorker();
        Map<String, String> config = mc.connectorConfig(name, name);
        config.put("tasks.max", "4");
        config.put("record_batch_size", "2000");
        config.put("buffer_size_kb", "2048");
        kafka.deployConnector(name, config);
        // The records arrive while the connector runs, about 20k per second (as from a live source): the
        // connector cannot get ahead of them, so the kill lands mid-run however fast it writes (with all
        // records produced up front it once wrote them all between two reads of the count).
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
            for (int from = 6; from < records; from += 2_000) {
                produce(name, 6, from, Math.min(records, from + 2_000));
                sleep(100);
            }
        });

        String doomedId = doomed.restUrl().getHost() + ":" + doomed.restUrl().getPort();
        Await.until("a task of " + name + " runs on the forked worker " + doomedId, TIMEOUT, () -> kafka.connectorStatus(name)
                .tasks().stream().anyMatch(task -> "RUNNING".equals(task.state()) && task.workerId().endsWith(":" + doomed.restUrl().getPort())));
        Await.until("a third of the records written", TIMEOUT, () -> mc.count(name) >= records / 3);
        long atKill = mc.count(name);
        doomed.kill();
        assertThat(atKill).as("rows when the worker was killed").isLessThan(records);
        LOG.warn("Killed worker {} with {} of {} rows written", doomedId, atKill, records);
        ForkedConnectWorker replacement = kafka.startForkedWorker();
        producing.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(awaitAllRecords(name, records)).isEqualTo(records);
        long total = mc.count(name);
        LOG.warn("Worker killed mid-run: {} records, {} rows, {} duplicates", records, total, total - records);
        assertThat(total).isGreaterThanOrEqualTo(records);
        replacement.close();
        kafka.deleteConnector(name);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing", e);
        }
    }
}
