package io.sinkline.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SinkTaskMetricsTest {

    // A private MBean server per test: no state shared with other tests in the JVM.
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final List<SinkTaskMetrics> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(SinkTaskMetrics::close);
    }

    @Test
    void registersUnderTheDocumentedNameAndExposesTheCounters() throws Exception {
        SinkTaskMetrics metrics = open("tablestore", "orders-sink", 2);
        ObjectName name = new ObjectName("io.sinkline:type=sink-task-metrics,sink=tablestore,connector=orders-sink,task=2");
        assertThat(metrics.name()).isEqualTo(name);

        metrics.recordsWritten(300);
        metrics.recordsFailed(2);
        metrics.recordsRetried(5);
        metrics.batchWritten(200, 4_000_000);
        metrics.batchWritten(100, 2_000_000);
        metrics.inFlightRequests(+1);
        metrics.inFlightRequests(+1);
        metrics.inFlightRequests(-1);

        assertThat(server.getAttribute(name, "RecordsWritten")).isEqualTo(300L);
        assertThat(server.getAttribute(name, "RecordsFailed")).isEqualTo(2L);
        assertThat(server.getAttribute(name, "RecordsRetried")).isEqualTo(5L);
        assertThat(server.getAttribute(name, "BatchesWritten")).isEqualTo(2L);
        assertThat(server.getAttribute(name, "BatchSizeAvg")).isEqualTo(150.0);
        assertThat(server.getAttribute(name, "BatchSizeMax")).isEqualTo(200L);
        assertThat(server.getAttribute(name, "WriteLatencyAvgMs")).isEqualTo(3.0);
        assertThat(server.getAttribute(name, "WriteLatencyMaxMs")).isEqualTo(4.0);
        assertThat(server.getAttribute(name, "InFlightRequests")).isEqualTo(1L);
    }

    @Test
    void averagesAreZeroBeforeTheFirstBatch() {
        SinkTaskMetrics metrics = open("maxcompute", "c", 0);
        assertThat(metrics.getBatchSizeAvg()).isZero();
        assertThat(metrics.getWriteLatencyAvgMs()).isZero();
    }

    @Test
    void closeUnregisters() {
        SinkTaskMetrics metrics = open("maxcompute", "c", 0);
        assertThat(server.isRegistered(metrics.name())).isTrue();

        metrics.close();
        metrics.close();

        assertThat(server.isRegistered(metrics.name())).isFalse();
    }

    @Test
    void tasksOfOneConnectorAndOfTwoSinksAreSeparate() {
        SinkTaskMetrics t0 = open("tablestore", "c", 0);
        SinkTaskMetrics t1 = open("tablestore", "c", 1);
        SinkTaskMetrics mc = open("maxcompute", "c", 0);
        t0.recordsWritten(1);

        assertThat(t1.getRecordsWritten()).isZero();
        assertThat(mc.getRecordsWritten()).isZero();
        assertThat(server.queryNames(null, null)).contains(t0.name(), t1.name(), mc.name());
    }

    @Test
    void aRestartedTaskTakesOverAStaleNameAndTheOldCloseLeavesItAlone() throws Exception {
        SinkTaskMetrics stale = open("tablestore", "c", 0);
        SinkTaskMetrics restarted = open("tablestore", "c", 0);
        restarted.recordsWritten(7);

        stale.close();

        assertThat(server.isRegistered(restarted.name())).isTrue();
        assertThat(server.getAttribute(restarted.name(), "RecordsWritten")).isEqualTo(7L);
    }

    @Test
    void connectorNamesWithJmxSpecialCharactersAreQuoted() throws Exception {
        SinkTaskMetrics metrics = open("tablestore", "orders,eu=1:*", 0);
        assertThat(metrics.name().getKeyProperty("connector")).startsWith("\"");
        assertThat(server.getAttribute(metrics.name(), "RecordsWritten")).isEqualTo(0L);
    }

    @Test
    void countersAreExactUnderConcurrentWriters() throws Exception {
        SinkTaskMetrics metrics = open("tablestore", "c", 0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int rows = t + 1;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        metrics.inFlightRequests(+1);
                        metrics.batchWritten(rows, 1_000);
                        metrics.recordsWritten(rows);
                        metrics.inFlightRequests(-1);
                    }
                }));
            }
            for (Future<?> w : writers) {
                w.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(metrics.getBatchesWritten()).isEqualTo(40_000);
        assertThat(metrics.getRecordsWritten()).isEqualTo(10_000L * (1 + 2 + 3 + 4));
        assertThat(metrics.getBatchSizeMax()).isEqualTo(4);
        assertThat(metrics.getInFlightRequests()).isZero();
    }

    @Test
    void theDefaultRegistrationUsesThePlatformServer() {
        try (SinkTaskMetrics metrics = SinkTaskMetrics.register("tablestore", "platform-test", 9)) {
            assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(metrics.name())).isTrue();
        }
        assertThat(ManagementFactory.getPlatformMBeanServer()
                .isRegistered(SinkTaskMetrics.objectName("tablestore", "platform-test", 9))).isFalse();
    }

    private SinkTaskMetrics open(String sink, String connector, int task) {
        SinkTaskMetrics metrics = SinkTaskMetrics.register(sink, connector, task, server);
        opened.add(metrics);
        return metrics;
    }
}
