package io.sinkline.maxcompute.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sinkline.testing.Await;
import io.sinkline.testing.KafkaConnectHarness;
import io.sinkline.testing.ProducedRecord;

/**
 * A cooperative rebalance while a task holds rows in its buffer: the workers' sink consumers use
 * {@link CooperativeStickyAssignor}, so a rebalance revokes only the partitions that move and the
 * task keeps the others, with their buffered rows, without being reset to its committed offsets.
 * Those rows must still land: if {@code close()} dropped them, nothing would read them again.
 *
 * <p>The rebalance is made by a second member joining the task's consumer group, as a new task
 * would (raising {@code tasks.max} or moving a task to another worker restarts the task instead,
 * which resets its consumer and would hide a lost buffer). The member takes half the partitions,
 * reads without committing, and leaves; the task gets them back from its committed offsets.
 */
class CooperativeRebalanceEndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(CooperativeRebalanceEndToEndTest.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String NAME = "coop";
    private static final int PARTITIONS = 4;
    private static final int BUFFERED_PER_PARTITION = 50;
    private static final int MORE_PER_PARTITION = 600;

    private static EndToEndStack stack;
    private static KafkaConnectHarness kafka;
    private static MaxComputeFixture mc;

    @BeforeAll
    static void start() {
        stack = EndToEndStack.start(builder -> builder.workerProperty(
                "consumer." + ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName()));
        kafka = stack.kafka;
        mc = stack.mc;
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void rowsBufferedForPartitionsTheTaskKeepsLandAfterACooperativeRebalance() {
        mc.sql("CREATE TABLE IF NOT EXISTS " + NAME + "(topic STRING, `partition` BIGINT, `offset` BIGINT, key STRING,"
                + " value STRING) PARTITIONED BY (pt STRING);");
        kafka.createTopic(NAME, PARTITIONS);
        stack.awaitLeaders(NAME, PARTITIONS);
        produce("buffered", BUFFERED_PER_PARTITION);
        Map<String, String> config = mc.connectorConfig(NAME, NAME);
        config.put("flush_interval_ms", Long.toString(Duration.ofHours(1).toMillis())); // only a full buffer flushes
        config.put("buffer_size_kb", "200"); // about 700 rows: more than the first records, less than all
        kafka.deployConnector(NAME, config);

        int buffered = PARTITIONS * BUFFERED_PER_PARTITION;
        Await.until("the task read the first " + buffered + " records", TIMEOUT,
                () -> connectMetric("sink-task-metrics", "sink-record-read-total") >= buffered);
        assertThat(mc.count(NAME)).as("the first records wait in the buffer").isZero();

        String taskConsumer = "connector-consumer-" + NAME + "-0";
        try (KafkaConsumer<byte[], byte[]> newcomer = newMemberOfTheTasksGroup()) {
            newcomer.subscribe(List.of(NAME));
            Await.until("a cooperative rebalance moved half the partitions", TIMEOUT, () -> {
                newcomer.poll(Duration.ofMillis(200));
                return newcomer.assignment().size() == PARTITIONS / 2
                        && consumerMetric(taskConsumer, "assigned-partitions") == PARTITIONS / 2;
            });
        } // leaves without committing: the task gets those partitions back from their committed offsets
        Await.until("the task got every partition back", TIMEOUT,
                () -> consumerMetric(taskConsumer, "assigned-partitions") == PARTITIONS);
        assertThat(mc.count(NAME)).as("still nothing flushed").isZero();

        produce("more", MORE_PER_PARTITION); // fills the buffer: a flush takes everything buffered so far
        Await.until("every first record landed", TIMEOUT, () -> distinct(" WHERE value LIKE 'buffered-%'") == buffered ? true : null,
                () -> distinct(" WHERE value LIKE 'buffered-%'") + " of " + buffered + "; " + stack.status(NAME));
        assertThat(stack.status(NAME)).doesNotContain("FAILED");

        // the rows after the last full buffer: a short flush interval (the tasks restart with it) writes them
        config.put("flush_interval_ms", "300");
        kafka.deployConnector(NAME, config);
        int sent = PARTITIONS * (BUFFERED_PER_PARTITION + MORE_PER_PARTITION);
        Await.until("every record landed", TIMEOUT, () -> distinct("") == sent ? true : null,
                () -> distinct("") + " of " + sent + "; " + stack.status(NAME));
        LOG.info("Cooperative rebalance: {} records sent, {} rows written ({} duplicates)", sent, mc.count(NAME),
                mc.count(NAME) - sent);
        assertThat(stack.status(NAME)).doesNotContain("FAILED");
        kafka.deleteConnector(NAME);
    }

    private static void produce(String prefix, int perPartition) {
        for (int p = 0; p < PARTITIONS; p++) {
            for (int i = 0; i < perPartition; i++) {
                kafka.producer().send(ProducedRecord.to(NAME).partition(p).key("k" + i).value(prefix + "-" + p + "-" + i));
            }
        }
        kafka.producer().flush();
    }

    /** A consumer in the sink task's group ({@code connect-<name>}), with the same assignor, that never commits. */
    private static KafkaConsumer<byte[], byte[]> newMemberOfTheTasksGroup() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "connect-" + NAME,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Distinct (partition, offset) pairs of the table matching {@code where}: the records present, however often. */
    private static long distinct(String where) {
        return Long.parseLong(mc.rows("SELECT COUNT(*) FROM (SELECT DISTINCT `partition`, `offset` FROM " + NAME + where
                + ") d;").get(0).get(0));
    }

    /** A metric of Connect's task 0 of the connector (the worker runs in this JVM), 0 until it exists. */
    private static double connectMetric(String type, String attribute) {
        return jmx("kafka.connect:type=" + type + ",connector=" + NAME + ",task=0", attribute);
    }

    /** A group-coordinator metric of one consumer, 0 until it exists. */
    private static double consumerMetric(String clientId, String attribute) {
        return jmx("kafka.consumer:type=consumer-coordinator-metrics,client-id=" + clientId, attribute);
    }

    private static double jmx(String objectName, String attribute) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(objectName);
            return server.isRegistered(name) ? ((Number) server.getAttribute(name, attribute)).doubleValue() : 0;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + attribute + " of " + objectName, e);
        }
    }
}
