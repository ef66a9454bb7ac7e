package io.sinkline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.file.FileStreamSinkConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness against Kafka's own FileStreamSink: a real broker, real workers, a real connector. */
class KafkaConnectHarnessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static KafkaConnectHarness kafka;

    @BeforeAll
    static void startCluster() {
        kafka = KafkaConnectHarness.builder().workers(2).start();
    }

    @AfterAll
    static void stopCluster() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aConnectorDeployedThroughRestConsumesWhatIsProduced(@TempDir Path dir) {
        Path sinkFile = dir.resolve("sink.txt");
        kafka.createTopic("lines", 3);
        kafka.deployConnector("file-sink", Map.of(
                "connector.class", FileStreamSinkConnector.class.getName(),
                "tasks.max", "1",
                "topics", "lines",
                "file", sinkFile.toString()));
        kafka.awaitConnectorRunning("file-sink", 1, TIMEOUT);

        List<String> sent = IntStream.range(0, 10).mapToObj(i -> "line-" + i).collect(Collectors.toList());
        sent.forEach(line -> kafka.producer().send("lines", "k" + line, line));
        kafka.producer().flush();

        Await.until("10 lines in " + sinkFile, TIMEOUT, () -> readLines(sinkFile).size() == 10);
        assertThat(readLines(sinkFile)).containsExactlyInAnyOrderElementsOf(sent);
        Await.until("offsets committed for all 10 records", TIMEOUT, () -> kafka.committedOffsets("file-sink")
                .values().stream().mapToLong(offset -> offset.offset()).sum() == 10);
        kafka.deleteConnector("file-sink");
    }

    @Test
    void producedRecordsKeepKeysHeadersAndBytes() {
        kafka.createTopic("raw", 1);
        byte[] payload = {0, 1, 2, (byte) 0xff};
        kafka.producer().send(ProducedRecord.to("raw").key("k1").value(payload).header("trace", "abc"));
        kafka.producer().send("raw", "k2", null);
        kafka.producer().flush();

        List<ConsumerRecord<byte[], byte[]>> records = kafka.consume("raw", 2, TIMEOUT);

        assertThat(records).hasSize(2);
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("k1");
        assertThat(records.get(0).value()).isEqualTo(payload);
        assertThat(new String(records.get(0).headers().lastHeader("trace").value(), StandardCharsets.UTF_8)).isEqualTo("abc");
        assertThat(records.get(1).value()).isNull();
    }

    @Test
    void aForkedWorkerJoinsTheClusterAndCanBeKilled(@TempDir Path dir) {
        kafka.createTopic("probe", 1);
        kafka.deployConnector("probe-sink", Map.of(
                "connector.class", FileStreamSinkConnector.class.getName(),
                "topics", "probe",
                "file", dir.resolve("probe.txt").toString()));
        ForkedConnectWorker worker = kafka.startForkedWorker();
        // The child reads the cluster's config topic, so it knows the connector deployed elsewhere.
        Await.until("the forked worker to list connector probe-sink", TIMEOUT,
                () -> worker.listConnectors().contains("probe-sink"));

        worker.kill();

        assertThat(worker.isAlive()).isFalse();
        kafka.deleteConnector("probe-sink");
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
