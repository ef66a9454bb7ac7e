package io.sinkline.maxcompute.errors;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.connect.sink.SinkTaskContext;

import io.sinkline.core.errors.ConnectDeadLetterQueueReporter;
import io.sinkline.core.errors.ErrorHandler;
import io.sinkline.core.errors.ErrorTolerance;
import io.sinkline.core.errors.KafkaTopicErrorReporter;
import io.sinkline.core.errors.LoggingErrorReporter;
import io.sinkline.maxcompute.config.MaxComputeSinkConfig;

/**
 * Where a record that cannot be written goes: seed 003's table of {@code skip_error} x
 * {@code runtime.error.topic.name}, plus Connect's {@code errors.tolerance} and dead letter queue.
 *
 * <table>
 *   <tr><th>error topic</th><th>skip_error</th><th>errors.tolerance</th><th>the record</th></tr>
 *   <tr><td>set</td><td>any</td><td>any</td><td>goes to the error topic; the task goes on</td></tr>
 *   <tr><td>not set</td><td>any</td><td>all</td><td>goes to Connect's DLQ (or its error log); the task goes on</td></tr>
 *   <tr><td>not set</td><td>true</td><td>none</td><td>is skipped and logged (WARN, coordinates and reason, never silent)</td></tr>
 *   <tr><td>not set</td><td>false</td><td>none</td><td>fails the task, naming the record and the reason</td></tr>
 * </table>
 */
public final class ErrorPolicyFactory {

    /** Connect's own key; the worker passes it to the task with the connector's other keys. */
    public static final String CONNECT_ERRORS_TOLERANCE = "errors.tolerance";

    /** Extra settings of the error-topic producer (security, timeouts): {@code runtime.error.topic.producer.<key>}. */
    public static final String ERROR_PRODUCER_PREFIX = "runtime.error.topic.producer.";

    private ErrorPolicyFactory() {
    }

    /**
     * The error-topic producer's settings: {@code runtime.error.topic.producer.*} (e.g. the SASL
     * settings of that cluster) and the bootstrap servers; the reporter forces acks=all and
     * idempotence on top.
     */
    static Map<String, Object> errorProducerConfig(MaxComputeSinkConfig config) {
        Map<String, Object> producer = new HashMap<>(config.originalsWithPrefix(ERROR_PRODUCER_PREFIX));
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.errorTopicBootstrapServers());
        return producer;
    }

    public static ErrorHandler create(MaxComputeSinkConfig config, Map<String, String> taskProps, SinkTaskContext context,
                                      String connectorName, int taskId) {
        if (config.hasErrorTopic()) {
            return new ErrorHandler(ErrorTolerance.ALL, KafkaTopicErrorReporter.create(
                    errorProducerConfig(config), config.errorTopicName(), connectorName, taskId));
        }
        String connectTolerance = taskProps.getOrDefault(CONNECT_ERRORS_TOLERANCE, "none");
        if (ErrorTolerance.parse(CONNECT_ERRORS_TOLERANCE, connectTolerance) == ErrorTolerance.ALL) {
            return new ErrorHandler(ErrorTolerance.ALL, ConnectDeadLetterQueueReporter.from(context)
                    .<io.sinkline.core.errors.ErrorReporter>map(r -> r)
                    .orElseGet(LoggingErrorReporter::new));
        }
        if (config.skipError()) {
            return new ErrorHandler(ErrorTolerance.ALL, new LoggingErrorReporter());
        }
        return new ErrorHandler(ErrorTolerance.NONE, new LoggingErrorReporter());
    }
}
