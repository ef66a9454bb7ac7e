package io.sinkline.tablestore.errors;

import com.alicloud.openservices.tablestore.AsyncClientInterface;
import com.alicloud.openservices.tablestore.TableStoreCallback;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.Condition;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.PutRowRequest;
import com.alicloud.openservices.tablestore.model.PutRowResponse;
import com.alicloud.openservices.tablestore.model.RowExistenceExpectation;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import io.sinkline.core.errors.ErrorReporter;
import io.sinkline.core.errors.FailedRecord;
import io.sinkline.core.record.ConnectValues;
import io.sinkline.tablestore.config.TableMapping;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Reports failed records to a Tablestore table ({@code runtime.error.mode=tablestore}). One row per
 * record: primary key {@code topic_partition, offset} (as the official connector's error table);
 * columns {@code key} and {@code value} (the original bytes as far as recoverable), {@code headers}
 * (JSON), {@code error_reason}, {@code error_class}, {@code error_message}, {@code error_stacktrace},
 * {@code connector}, {@code task}, {@code timestamp}.
 */
public final class ErrorTableReporter implements ErrorReporter {
    private final AsyncClientInterface client;
    private final String table;
    private final String connector;
    private final int task;
    private final Set<CompletableFuture<Void>> outstanding = ConcurrentHashMap.newKeySet();

    public ErrorTableReporter(AsyncClientInterface client, String table, String connector, int task) {
        this.client = client;
        this.table = table;
        this.connector = connector;
        this.task = task;
    }

    @Override
    public CompletableFuture<Void> report(FailedRecord failed) {
        SinkRecord record = failed.record();
        PrimaryKeyBuilder pk = PrimaryKeyBuilder.createPrimaryKeyBuilder();
        pk.addPrimaryKeyColumn(TableMapping.PK_TOPIC_PARTITION, PrimaryKeyValue.fromString(record.topic() + "_" + record.kafkaPartition()));
        pk.addPrimaryKeyColumn(TableMapping.PK_OFFSET, PrimaryKeyValue.fromLong(record.kafkaOffset()));
        RowPutChange row = new RowPutChange(table, pk.build());
        putBytes(row, "key", record.key());
        putBytes(row, "value", record.value());
        row.addColumn("headers", ColumnValue.fromString(headers(record)));
        row.addColumn("error_reason", ColumnValue.fromString(failed.reason()));
        if (failed.cause() != null) {
            row.addColumn("error_class", ColumnValue.fromString(failed.cause().getClass().getName()));
            row.addColumn("error_message", ColumnValue.fromString(String.valueOf(failed.cause().getMessage())));
            row.addColumn("error_stacktrace", ColumnValue.fromString(truncate(stackTrace(failed.cause()), 64 * 1024)));
        }
        row.addColumn("connector", ColumnValue.fromString(connector));
        row.addColumn("task", ColumnValue.fromLong(task));
        if (record.timestamp() != null) {
            row.addColumn("timestamp", ColumnValue.fromLong(record.timestamp()));
        }
        row.setCondition(new Condition(RowExistenceExpectation.IGNORE));

        CompletableFuture<Void> done = new CompletableFuture<>();
        outstanding.add(done);
        done.whenComplete((v, e) -> {
            if (e == null) {
                outstanding.remove(done);
            }
        });
        client.putRow(new PutRowRequest(row), new TableStoreCallback<>() {
            @Override
            public void onCompleted(PutRowRequest request, PutRowResponse response) {
                done.complete(null);
            }

            @Override
            public void onFailed(PutRowRequest request, Exception error) {
                done.completeExceptionally(error);
            }
        });
        return done;
    }

    private static void putBytes(RowPutChange row, String column, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof byte[] bytes) {
            row.addColumn(column, ColumnValue.fromBinary(bytes));
        } else if (value instanceof String s) {
            row.addColumn(column, ColumnValue.fromString(truncate(s, 2 * 1024 * 1024 - 1024)));
        } else {
            row.addColumn(column, ColumnValue.fromString(truncate(ConnectValues.toTree(value).toString(), 2 * 1024 * 1024 - 1024)));
        }
    }

    private static String headers(SinkRecord record) {
        var object = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (Header header : record.headers()) {
            object.set(header.key(), ConnectValues.toTree(header.value()));
        }
        return object.toString();
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static String truncate(String s, int maxBytes) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= maxBytes ? s : new String(bytes, 0, maxBytes, StandardCharsets.UTF_8);
    }

    /** A lost report is sticky: it stays outstanding, so this and {@link #flush()} keep throwing. */
    @Override
    public void throwIfFailed() {
        for (CompletableFuture<Void> report : outstanding) {
            if (report.isCompletedExceptionally()) {
                try {
                    report.join();
                } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    throw new ConnectException("a failed record could not be written to the error table '" + table
                            + "': " + cause.getMessage(), cause);
                }
            }
        }
    }

    @Override
    public void flush() {
        List<CompletableFuture<Void>> snapshot = new ArrayList<>(outstanding);
        for (CompletableFuture<Void> report : snapshot) {
            try {
                report.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("interrupted while waiting for the error table '" + table + "'", e);
            } catch (ExecutionException e) {
                throw new ConnectException("a failed record could not be written to the error table '" + table
                        + "': " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    @Override
    public void close() {
        try {
            flush();
        } catch (ConnectException ignored) {
            // offsets of unreported records were not committed; they will be read again
        }
    }
}
