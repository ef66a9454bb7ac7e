package io.sinkline.tablestore.timeseries;

import com.alicloud.openservices.tablestore.AsyncClient;
import com.alicloud.openservices.tablestore.AsyncTimeseriesClient;
import com.alicloud.openservices.tablestore.TableStoreCallback;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.TimeseriesClient;
import com.alicloud.openservices.tablestore.model.TimeseriesTableMeta;
import com.alicloud.openservices.tablestore.model.timeseries.CreateTimeseriesTableRequest;
import com.alicloud.openservices.tablestore.model.timeseries.DescribeTimeseriesTableRequest;
import com.alicloud.openservices.tablestore.model.timeseries.PutTimeseriesDataRequest;
import com.alicloud.openservices.tablestore.model.timeseries.PutTimeseriesDataResponse;
import com.alicloud.openservices.tablestore.model.timeseries.TimeseriesRow;
import io.sinkline.core.errors.RetryPolicy;
import io.sinkline.core.record.RecordView;
import io.sinkline.tablestore.config.TableNameResolver;
import io.sinkline.tablestore.config.TablestoreSinkConfig;
import io.sinkline.tablestore.write.Delivery;
import io.sinkline.tablestore.write.DeliveryListener;
import io.sinkline.tablestore.write.RetryableErrors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Writes time-series rows: buffered per table, sent as PutTimeseriesData of up to
 * {@code tablestore.timeseries.rowsPerBatch} rows when a batch is full or the flush interval
 * passed, with at most {@code max.concurrency} requests in flight. Failed rows of a request are
 * retried alone (retryable codes) or reported.
 */
public final class TimeseriesSink implements AutoCloseable {
    private final TablestoreSinkConfig config;
    private final AsyncTimeseriesClient client;
    private final TimeseriesClient admin;
    private final DeliveryListener listener;
    private final RetryPolicy retryPolicy;
    private final TableNameResolver names;
    private final Semaphore inFlight;
    private final ScheduledExecutorService timer;
    private final Map<String, TimeseriesMapper> mappers = new HashMap<>();
    private final Map<String, List<Pending>> buffers = new HashMap<>();
    private final int rowsPerBatch;

    private record Pending(TimeseriesRow row, Delivery delivery) {
    }

    public TimeseriesSink(TablestoreSinkConfig config, AsyncClient client, DeliveryListener listener, String threadName) {
        this.config = config;
        this.client = client.asAsyncTimeseriesClient();
        this.admin = client.asTimeseriesClient();
        this.listener = listener;
        this.retryPolicy = config.retryPolicy();
        this.names = config.tableNames();
        this.inFlight = new Semaphore(config.maxConcurrency());
        this.rowsPerBatch = config.timeseriesRowsPerBatch();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tablestore-timeseries-" + threadName);
            t.setDaemon(true);
            return t;
        });
        int interval = config.flushIntervalMs();
        timer.scheduleAtFixedRate(this::flushDue, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Maps and buffers one record (task thread); full batches go out at once. */
    public void write(RecordView view, Delivery delivery) {
        String table = names.tableFor(view.topic());
        TimeseriesRow row = mapperFor(table).map(view);
        List<Pending> batch = null;
        synchronized (this) {
            List<Pending> buffer = buffers.computeIfAbsent(table, t -> new ArrayList<>());
            buffer.add(new Pending(row, delivery));
            if (buffer.size() >= rowsPerBatch) {
                batch = buffers.remove(table);
            }
        }
        if (batch != null) {
            send(table, batch);
        }
    }

    /** Sends every partly filled batch. */
    public void flushDue() {
        Map<String, List<Pending>> due;
        synchronized (this) {
            due = new HashMap<>(buffers);
            buffers.clear();
        }
        due.forEach(this::send);
    }

    private TimeseriesMapper mapperFor(String table) {
        return mappers.computeIfAbsent(table, t -> {
            ensureTable(t);
            return new TimeseriesMapper(config.timeseriesMapping(t), config.timeseriesMapAll(), config.timeseriesToLowerCase());
        });
    }

    private void ensureTable(String table) {
        try {
            admin.describeTimeseriesTable(new DescribeTimeseriesTableRequest(table));
            return;
        } catch (TableStoreException e) {
            if (!"OTSObjectNotExist".equals(e.getErrorCode())) {
                throw new ConnectException("could not describe time-series table '" + table + "': " + e.getMessage(), e);
            }
        }
        if (!config.autoCreate()) {
            throw new ConnectException("time-series table '" + table + "' does not exist; create it or set auto.create=true");
        }
        try {
            admin.createTimeseriesTable(new CreateTimeseriesTableRequest(new TimeseriesTableMeta(table)));
        } catch (TableStoreException e) {
            if (!"OTSObjectAlreadyExist".equals(e.getErrorCode())) {
                throw new ConnectException("could not create time-series table '" + table + "': " + e.getMessage(), e);
            }
        }
    }

    private void send(String table, List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        inFlight.acquireUninterruptibly();
        PutTimeseriesDataRequest request = new PutTimeseriesDataRequest(table);
        batch.forEach(p -> request.addRow(p.row()));
        client.putTimeseriesData(request, new TableStoreCallback<>() {
            @Override
            public void onCompleted(PutTimeseriesDataRequest req, PutTimeseriesDataResponse response) {
                inFlight.release();
                boolean[] failed = new boolean[batch.size()];
                if (!response.isAllSuccess()) {
                    for (PutTimeseriesDataResponse.FailedRowResult row : response.getFailedRows()) {
                        failed[row.getIndex()] = true;
                        Pending pending = batch.get(row.getIndex());
                        failedRow(table, pending, new TableStoreException(row.getError().getMessage(), null,
                                row.getError().getCode(), response.getRequestId(), 0));
                    }
                }
                for (int i = 0; i < batch.size(); i++) {
                    if (!failed[i]) {
                        listener.written(batch.get(i).delivery());
                    }
                }
            }

            @Override
            public void onFailed(PutTimeseriesDataRequest req, Exception error) {
                inFlight.release();
                batch.forEach(p -> failedRow(table, p, error));
            }
        });
    }

    private void failedRow(String table, Pending pending, Exception error) {
        if (RetryableErrors.isRetryable(error)) {
            Optional<Duration> delay = pending.delivery().attempts(retryPolicy).nextDelay();
            if (delay.isPresent()) {
                listener.retrying(pending.delivery(), error);
                timer.schedule(() -> send(table, List.of(pending)), delay.get().toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            listener.failed(pending.delivery(), "time-series write still failing after retries (" + retryPolicy + "): "
                    + RetryableErrors.describe(error), error);
            return;
        }
        listener.failed(pending.delivery(), "Tablestore rejected the time-series row: " + RetryableErrors.describe(error), error);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
