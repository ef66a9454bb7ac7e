package io.sinkline.maxcompute.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sinkline.testing.Await;
import io.sinkline.testing.ProducedRecord;

/**
 * A cooperative rebalance while a task holds rows in its buffer: the workers' sink consumers use
 * {@link CooperativeStickyAssignor}, so a rebalance revokes only the partitions that move and the
 * task keeps the others, with their buffered rows, without being reset to its committed offsets.
 * Those rows must still land: if {@code close()} dropped them, nothing would read them again. The
 * rows of the partitions that move are written by the commit right before they are revoked, with
 * their offsets, so their next owner does not read them again.
 *
 * <p>The rebalance is made by a second member joining the task's consumer group, as a new task
 * would (raising {@code tasks.max} or moving a task to another worker restarts the task instead,
 * which resets its consumer and would hide a lost buffer). The member takes half the partitions,
 * reads without committing, and leaves; the task gets them back from its committed offsets.
 */
class CooperativeRebalanceEndToEndTest extends EndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(CooperativeRebalanceEndToEndTest.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String NAME = "coop";
    private static final int PARTITIONS = 4;
    private static final int BUFFERED_PER_PARTITION = 50;
    private static final int MORE_PER_PARTITION = 600;

    @Override
    protected EndToEndStack startStack() {
        return EndToEndStack.start(builder -> builder.workerProperty(
                "consumer." + ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName()));
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
        // about 800 rows (encoded, each row costs its few compressed bytes plus 48 for its offset handle):
        // more than the first records, less than all
        config.put("buffer_size_kb", "40");
        kafka.deployConnector(NAME, config);

        int buffered = PARTITIONS * BUFFERED_PER_PARTITION;
        Await.until("the task read the first " + buffered + " records", TIMEOUT,
                () -> connectMetric("sink-task-metrics", "sink-record-read-total") >= buffered);
        assertThat(mc.count(NAME)).as("the first records wait in the buffer").isZero();

        String taskConsumer = "connector-consumer-" + NAME + "-0";
        Set<Integer> kept = new TreeSet<>(List.of(0, 1, 2, 3));
        try (KafkaConsumer<byte[], byte[]> newcomer = newMemberOfTheTasksGroup()) {
            newcomer.subscribe(List.of(NAME));
            Await.until("a cooperative rebalance moved half the partitions", TIMEOUT, () -> {
                newcomer.poll(Duration.ofMillis(200));
                return newcomer.assignment().size() == PARTITIONS / 2
                        && consumerMetric(taskConsumer, "assigned-partitions") == PARTITIONS / 2;
            });
            newcomer.assignment().forEach(moved -> kept.remove(moved.partition()));
        } // leaves without committing: the task gets those partitions back from the offsets committed at the revocation
        Await.until("the task got every partition back", TIMEOUT,
                () -> consumerMetric(taskConsumer, "assigned-partitions") == PARTITIONS);
        Set<Integer> moved = new TreeSet<>(List.of(0, 1, 2, 3));
        moved.removeAll(kept);
        assertThat(mc.distinctRecords(NAME, " WHERE `partition` IN (" + inList(kept) + ")"))
                .as("the rows of the kept partitions %s still wait in the buffer", kept).isZero();
        assertThat(mc.distinctRecords(NAME, " WHERE `partition` IN (" + inList(moved) + ")"))
                .as("the rows of the moved partitions %s were written before they were revoked", moved)
                .isEqualTo(moved.size() * BUFFERED_PER_PARTITION);

        // fills the buffer: the first flush takes everything buffered so far, surely the rows of the kept
        // partitions (the moved ones are read again in no particular order with the new records)
        produce("more", MORE_PER_PARTITION);
        String keptRows = " WHERE value LIKE 'buffered-%' AND `partition` IN (" + inList(kept) + ")";
        int keptCount = kept.size() * BUFFERED_PER_PARTITION;
        Await.until("the rows buffered for the kept partitions " + kept + " landed", TIMEOUT,
                () -> mc.distinctRecords(NAME, keptRows) == keptCount ? true : null,
                () -> mc.distinctRecords(NAME, keptRows) + " of " + keptCount + "; " + stack.status(NAME));
        assertThat(stack.status(NAME)).doesNotContain("FAILED");

        // the rows after the last full buffer: a short flush interval (the tasks restart with it) writes them
        config.put("flush_interval_ms", "300");
        kafka.deployConnector(NAME, config);
        int sent = PARTITIONS * (BUFFERED_PER_PARTITION + MORE_PER_PARTITION);
        Await.until("every record landed", TIMEOUT, () -> mc.distinctRecords(NAME, "") == sent ? true : null,
                () -> mc.distinctRecords(NAME, "") + " of " + sent + "; " + stack.status(NAME));
        LOG.info("Cooperative rebalance: {} records sent, {} rows written ({} duplicates)", sent, mc.count(NAME),
                mc.count(NAME) - sent);
        assertThat(stack.status(NAME)).doesNotContain("FAILED");
        kafka.deleteConnector(NAME);
    }

    private static String inList(Set<Integer> partitions) {
        return partitions.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private void produce(String prefix, int perPartition) {
        for (int p = 0; p < PARTITIONS; p++) {
            for (int i = 0; i < perPartition; i++) {
                kafka.producer().send(ProducedRecord.to(NAME).partition(p).key("k" + i).value(prefix + "-" + p + "-" + i));
            }
        }
        kafka.producer().flush();
    }

    /** A consumer in the sink task's group ({@code connect-<name>}), with the same assignor, that never commits. */
    private KafkaConsumer<byte[], byte[]> newMemberOfTheTasksGroup() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "connect-" + NAME,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** A metric of Connect's task 0 of the connector, 0 until it exists. */
    private static double connectMetric(String type, String attribute) {
        return JmxMetrics.sum("kafka.connect:type=" + type + ",connector=" + NAME + ",task=0", attribute);
    }

    /** A group-coordinator metric of one consumer, 0 until it exists. */
    private static double consumerMetric(String clientId, String attribute) {
        return JmxMetrics.sum("kafka.consumer:type=consumer-coordinator-metrics,client-id=" + clientId, attribute);
    }
}
