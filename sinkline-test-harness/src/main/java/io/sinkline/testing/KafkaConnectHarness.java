package io.sinkline.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * A real KRaft broker and a real distributed Kafka Connect cluster, in-process, on ephemeral ports.
 *
 * <p>One harness per test class: starting one takes about 20 seconds. Connectors on the test class
 * path are discovered by the workers; deploy them with {@link #deployConnector} exactly as a user
 * would through the REST API.
 */
public final class KafkaConnectHarness implements AutoCloseable {

    private static final AtomicInteger CLUSTER_IDS = new AtomicInteger();

    private final EmbeddedConnectCluster connect;
    private final Map<String, String> workerProperties;
    private final List<ForkedConnectWorker> forkedWorkers = new ArrayList<>();
    private TestProducer producer;

    private KafkaConnectHarness(EmbeddedConnectCluster connect, Map<String, String> workerProperties) {
        this.connect = connect;
        this.workerProperties = workerProperties;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The embedded Connect cluster, for what this class does not wrap. */
    public EmbeddedConnectCluster connect() {
        return connect;
    }

    public String bootstrapServers() {
        return connect.kafka().bootstrapServers();
    }

    /** Creates the topic and waits until every partition has a leader, so the first sends go through. */
    public void createTopic(String topic, int partitions) {
        connect.kafka().createTopic(topic, partitions);
        Await.until("a leader for each of the " + partitions + " partitions of " + topic, Duration.ofSeconds(60),
                () -> connect.kafka().describeTopics(topic).get(topic)
                        .map(description -> description.partitions().size() == partitions
                                && description.partitions().stream().allMatch(p -> p.leader() != null))
                        .orElse(false));
    }

    /** A producer shared by the test class; flush it before expecting records downstream. */
    public synchronized TestProducer producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>();
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            // The embedded broker can answer NOT_LEADER_OR_FOLLOWER for a fresh topic after it appended
            // a batch; an idempotent producer then fails with OutOfOrderSequenceException. Tests count
            // distinct keys or read end offsets, so a duplicate from a plain retry is harmless, while
            // one request in flight keeps each partition in send order.
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
            props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            producer = new TestProducer(connect.kafka().createProducer(props));
        }
        return producer;
    }

    /** Creates or updates a connector through the REST API ({@code PUT /connectors/{name}/config}). */
    public void deployConnector(String name, Map<String, String> config) {
        connect.configureConnector(name, config);
    }

    public void deleteConnector(String name) {
        connect.deleteConnector(name);
    }

    /** Validates a configuration through the REST API ({@code PUT /connector-plugins/{class}/config/validate}). */
    public ConfigInfos validate(String connectorClass, Map<String, String> config) {
        return connect.validateConnectorConfig(connectorClass, config);
    }

    public ConnectorStateInfo connectorStatus(String name) {
        return connect.connectorStatus(name);
    }

    /** Waits until the connector and exactly {@code tasks} tasks are RUNNING. */
    public void awaitConnectorRunning(String name, int tasks, Duration timeout) {
        Await.until("connector '" + name + "' and " + tasks + " tasks RUNNING", timeout,
                () -> isRunning(name, tasks) ? Boolean.TRUE : null,
                () -> describeStatus(name));
    }

    /** Waits until a task of the connector FAILED and returns its trace. */
    public String awaitTaskFailed(String name, Duration timeout) {
        return Await.until("a task of connector '" + name + "' to fail", timeout,
                () -> connectorStatus(name).tasks().stream()
                        .filter(task -> "FAILED".equals(task.state()))
                        .map(ConnectorStateInfo.TaskState::trace)
                        .findFirst()
                        .orElse(null),
                () -> describeStatus(name));
    }

    /** Consumes at least {@code count} records from the start of the topic. */
    public List<ConsumerRecord<byte[], byte[]>> consume(String topic, int count, Duration timeout) {
        Map<String, Object> props = Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        connect.kafka().consume(count, timeout.toMillis(), props, topic).forEach(records::add);
        return records;
    }

    /** The offsets the sink connector's consumer group committed (group {@code connect-<name>}). */
    public Map<TopicPartition, OffsetAndMetadata> committedOffsets(String connectorName) {
        try (Admin admin = connect.kafka().createAdminClient()) {
            return admin.listConsumerGroupOffsets("connect-" + connectorName)
                    .partitionsToOffsetAndMetadata().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the offsets of connector " + connectorName, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Starts a Connect worker in a child JVM that joins this cluster. {@link ForkedConnectWorker#kill()}
     * ends it with SIGKILL: an abrupt crash with no graceful shutdown, as a lost machine would be.
     */
    public ForkedConnectWorker startForkedWorker() {
        ForkedConnectWorker worker = ForkedConnectWorker.start(workerProperties, bootstrapServers());
        forkedWorkers.add(worker);
        return worker;
    }

    @Override
    public void close() {
        forkedWorkers.forEach(ForkedConnectWorker::close);
        if (producer != null) {
            producer.close();
        }
        connect.stop();
    }

    private boolean isRunning(String name, int tasks) {
        ConnectorStateInfo status = connectorStatus(name);
        return "RUNNING".equals(status.connector().state())
                && status.tasks().size() == tasks
                && status.tasks().stream().allMatch(task -> "RUNNING".equals(task.state()));
    }

    private String describeStatus(String name) {
        try {
            ConnectorStateInfo status = connectorStatus(name);
            StringBuilder text = new StringBuilder("connector ").append(status.connector().state());
            for (ConnectorStateInfo.TaskState task : status.tasks()) {
                text.append(", task ").append(task.id()).append(' ').append(task.state());
                if (task.trace() != null) {
                    text.append(" (").append(task.trace().lines().findFirst().orElse("")).append(')');
                }
            }
            return text.toString();
        } catch (RuntimeException e) {
            return "status unavailable: " + e.getMessage();
        }
    }

    /** Options of the harness: how many workers, and extra worker or broker properties. */
    public static final class Builder {

        private int workers = 1;
        private final Map<String, String> workerProperties = new HashMap<>();
        private final Properties brokerProperties = new Properties();

        private Builder() {
            // Tests produce records with old timestamps (the seeds' examples are from 2023); with the
            // default 7-day retention the broker could delete them before a connector reads them.
            brokerProperties.put("log.retention.ms", "-1");
        }

        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        public Builder workerProperty(String name, String value) {
            workerProperties.put(name, value);
            return this;
        }

        public Builder brokerProperty(String name, String value) {
            brokerProperties.put(name, value);
            return this;
        }

        /** Starts the broker and the workers and waits until they are all up. */
        public KafkaConnectHarness start() {
            String name = "sinkline-" + ProcessHandle.current().pid() + "-" + CLUSTER_IDS.incrementAndGet();
            Map<String, String> props = new HashMap<>(defaultWorkerProperties(name));
            props.putAll(workerProperties);
            EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder()
                    .name(name)
                    .numWorkers(workers)
                    .numBrokers(1)
                    .brokerProps(brokerProperties)
                    // EmbeddedConnectCluster adds bootstrap.servers and a listener to this map on start.
                    .workerProps(props)
                    .build();
            cluster.start();
            return new KafkaConnectHarness(cluster, props);
        }

        /** Short intervals keep tests quick; named topics let a forked worker join the same cluster. */
        private static Map<String, String> defaultWorkerProperties(String name) {
            Map<String, String> props = new HashMap<>();
            props.put("group.id", name);
            props.put("offset.storage.topic", name + "-offsets");
            props.put("config.storage.topic", name + "-configs");
            props.put("status.storage.topic", name + "-status");
            props.put("offset.flush.interval.ms", "1000");
            props.put("scheduled.rebalance.max.delay.ms", "5000");
            props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
            props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
            return props;
        }
    }

    /** The names of the topics given; a small helper for connector configs. */
    public static String topicList(Collection<String> topics) {
        return String.join(",", topics);
    }
}
