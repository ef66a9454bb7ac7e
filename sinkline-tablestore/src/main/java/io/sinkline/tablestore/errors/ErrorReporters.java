package io.sinkline.tablestore.errors;

import com.alicloud.openservices.tablestore.AsyncClientInterface;
import io.sinkline.core.errors.ConnectDeadLetterQueueReporter;
import io.sinkline.core.errors.ErrorReporter;
import io.sinkline.core.errors.KafkaTopicErrorReporter;
import io.sinkline.core.errors.LoggingErrorReporter;
import io.sinkline.tablestore.config.TableMapping;
import io.sinkline.tablestore.config.TablestoreSinkConfig;
import io.sinkline.tablestore.schema.TableSchemas;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** Builds the reporter that {@code runtime.error.mode} names. */
public final class ErrorReporters {
    private ErrorReporters() {
    }

    public static ErrorReporter create(TablestoreSinkConfig config, SinkTaskContext context, AsyncClientInterface client,
                                       String connector, int task) {
        return switch (config.errorMode()) {
            case IGNORE -> new LoggingErrorReporter();
            case KAFKA -> {
                // runtime.error.producer.* reaches the producer: security settings, max.request.size, ...
                Map<String, Object> producer = new HashMap<>(config.originalsWithPrefix(TablestoreSinkConfig.ERROR_PRODUCER_PREFIX));
                producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.errorBootstrapServers());
                yield KafkaTopicErrorReporter.create(producer, config.errorTopic(), connector, task);
            }
            case TABLESTORE -> {
                new TableSchemas(client.asSyncClient(), true).ensure(config.errorTable(), TableMapping.kafkaPrimaryKey(),
                        TablestoreSinkConfig.ERROR_TABLE_NAME);
                yield new ErrorTableReporter(client, config.errorTable(), connector, task);
            }
            case DLQ -> ConnectDeadLetterQueueReporter.from(context).orElseThrow(() -> new ConnectException(
                    "runtime.error.mode=dlq needs Connect's dead letter queue: set errors.deadletterqueue.topic.name "
                            + "and errors.tolerance=all in the connector configuration"));
        };
    }
}
