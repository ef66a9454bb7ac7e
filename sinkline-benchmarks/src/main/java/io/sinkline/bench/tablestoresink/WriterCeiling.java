package io.sinkline.bench.tablestoresink;

import com.alicloud.openservices.tablestore.AsyncClient;
import com.alicloud.openservices.tablestore.DefaultTableStoreWriter;
import com.alicloud.openservices.tablestore.TableStoreCallback;
import com.alicloud.openservices.tablestore.TableStoreWriter;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.ConsumedCapacity;
import com.alicloud.openservices.tablestore.model.RowChange;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import io.sinkline.bench.sink.SampleRecords;
import io.sinkline.bench.sink.SampleTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * The raw SDK ceiling: {@link DefaultTableStoreWriter}s writing the sample rows straight to the
 * emulator, one writer per connector task, each fed from its own thread with the rows of the
 * Kafka partitions that task would own.
 */
final class WriterCeiling {

    private final IntFunction<AsyncClient> clients;
    private final WriterSettings settings;

    /** {@code clients}: the client writer {@code w} uses. */
    WriterCeiling(IntFunction<AsyncClient> clients, WriterSettings settings) {
        this.clients = clients;
        this.settings = settings;
    }

    /** Writes records {@code [0, records)} into {@code table} with {@code writers} writers; returns when all are acknowledged. */
    void write(String table, SampleTopic topic, int records, int writers) throws Exception {
        ExecutorService feeders = Executors.newFixedThreadPool(writers);
        ExecutorService callbacks = Executors.newFixedThreadPool(settings.ceilingCallbackThreads(writers));
        AtomicLong written = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        TableStoreCallback<RowChange, ConsumedCapacity> callback = new TableStoreCallback<>() {
            @Override
            public void onCompleted(RowChange row, ConsumedCapacity capacity) {
                written.incrementAndGet();
            }

            @Override
            public void onFailed(RowChange row, Exception error) {
                failure.compareAndSet(null, error);
            }
        };
        try {
            List<Future<?>> feeding = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                feeding.add(feeders.submit(() -> {
                    TableStoreWriter out = new DefaultTableStoreWriter(clients.apply(writer), table, settings.writerConfig(), callback,
                            callbacks);
                    try {
                        for (long i = 0; i < records; i++) {
                            if (topic.partitionOf(i) % writers == writer) {
                                out.addRowChange(row(table, topic, i));
                            }
                        }
                        out.flush();
                    } finally {
                        out.close();
                    }
                    return null;
                }));
            }
            for (Future<?> f : feeding) {
                f.get();
            }
        } finally {
            feeders.shutdown();
            // The writers' flush returns once every request is answered; the callbacks may still be queued here.
            callbacks.shutdown();
            if (!callbacks.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the raw SDK path's callbacks did not finish in 60 s");
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the raw SDK path failed a row", failure.get());
        }
        if (written.get() != records) {
            throw new IllegalStateException("the raw SDK path acknowledged " + written.get() + " of " + records + " rows");
        }
    }

    private static RowChange row(String table, SampleTopic topic, long index) {
        RowPutChange put = new RowPutChange(table,
                TablestoreTables.primaryKey(topic, topic.partitionOf(index), topic.offsetOf(index)));
        Object[] values = SampleRecords.values(index);
        for (int f = 0; f < values.length; f++) {
            put.addColumn(SampleRecords.FIELDS.get(f).name(), columnValue(values[f]));
        }
        return put;
    }

    private static ColumnValue columnValue(Object value) {
        if (value instanceof Long number) {
            return ColumnValue.fromLong(number);
        }
        if (value instanceof Double number) {
            return ColumnValue.fromDouble(number);
        }
        if (value instanceof Boolean flag) {
            return ColumnValue.fromBoolean(flag);
        }
        return ColumnValue.fromString((String) value);
    }
}
