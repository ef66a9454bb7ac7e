package io.sinkline.core.metrics;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

import org.apache.kafka.common.utils.Sanitizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink task's counters, registered as the JMX MBean
 * {@code io.sinkline:type=sink-task-metrics,sink=<sink>,connector=<name>,task=<id>}.
 *
 * <p>One instance per task (no static state); every method is thread-safe and cheap, so writer
 * callbacks can record from any thread. {@link #close()} unregisters the MBean.
 */
public final class SinkTaskMetrics implements SinkTaskMetricsMBean, AutoCloseable {

    public static final String DOMAIN = "io.sinkline";
    public static final String TYPE = "sink-task-metrics";

    private static final Logger LOG = LoggerFactory.getLogger(SinkTaskMetrics.class);

    private final ObjectName name;
    private final MBeanServer server;
    private final LongAdder recordsWritten = new LongAdder();
    private final LongAdder recordsFailed = new LongAdder();
    private final LongAdder recordsRetried = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder batchRows = new LongAdder();
    private final AtomicLong batchSizeMax = new AtomicLong();
    private final LongAdder latencyNanosTotal = new LongAdder();
    private final AtomicLong latencyNanosMax = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final String instanceId = UUID.randomUUID().toString();

    private SinkTaskMetrics(ObjectName name, MBeanServer server) {
        this.name = name;
        this.server = server;
    }

    /** Creates the task's metrics and registers them with the platform MBean server. */
    public static SinkTaskMetrics register(String sink, String connector, int task) {
        return register(sink, connector, task, ManagementFactory.getPlatformMBeanServer());
    }

    static SinkTaskMetrics register(String sink, String connector, int task, MBeanServer server) {
        SinkTaskMetrics metrics = new SinkTaskMetrics(objectName(sink, connector, task), server);
        metrics.registerReplacingStale();
        return metrics;
    }

    /** The MBean's name; names with JMX-special characters are quoted the way Kafka quotes its own. */
    public static ObjectName objectName(String sink, String connector, int task) {
        try {
            return new ObjectName(DOMAIN + ":type=" + TYPE
                    + ",sink=" + Sanitizer.jmxSanitize(sink)
                    + ",connector=" + Sanitizer.jmxSanitize(connector)
                    + ",task=" + task);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("cannot name the metrics of " + sink + " connector " + connector, e);
        }
    }

    /**
     * A task that died without close() leaves its MBean behind; the restarted task of the same
     * connector and id takes the name over.
     */
    private void registerReplacingStale() {
        try {
            try {
                server.registerMBean(this, name);
            } catch (InstanceAlreadyExistsException stale) {
                LOG.info("Replacing metrics {} left by an earlier instance of this task", name);
                unregisterQuietly();
                server.registerMBean(this, name);
            }
        } catch (JMException e) {
            throw new IllegalStateException("cannot register metrics " + name, e);
        }
    }

    public ObjectName name() {
        return name;
    }

    public void recordsWritten(long n) {
        recordsWritten.add(n);
    }

    public void recordsFailed(long n) {
        recordsFailed.add(n);
    }

    public void recordsRetried(long n) {
        recordsRetried.add(n);
    }

    /** One acknowledged batch of {@code rows} rows that took {@code latencyNanos} from send to ack. */
    public void batchWritten(int rows, long latencyNanos) {
        batches.increment();
        batchRows.add(rows);
        batchSizeMax.accumulateAndGet(rows, Math::max);
        latencyNanosTotal.add(latencyNanos);
        latencyNanosMax.accumulateAndGet(latencyNanos, Math::max);
    }

    /** +1 when a request is sent, -1 when it is answered (successfully or not). */
    public void inFlightRequests(int delta) {
        inFlight.addAndGet(delta);
    }

    @Override
    public long getRecordsWritten() {
        return recordsWritten.sum();
    }

    @Override
    public long getRecordsFailed() {
        return recordsFailed.sum();
    }

    @Override
    public long getRecordsRetried() {
        return recordsRetried.sum();
    }

    @Override
    public long getBatchesWritten() {
        return batches.sum();
    }

    @Override
    public double getBatchSizeAvg() {
        long count = batches.sum();
        return count == 0 ? 0 : (double) batchRows.sum() / count;
    }

    @Override
    public long getBatchSizeMax() {
        return batchSizeMax.get();
    }

    @Override
    public double getWriteLatencyAvgMs() {
        long count = batches.sum();
        return count == 0 ? 0 : latencyNanosTotal.sum() / 1e6 / count;
    }

    @Override
    public double getWriteLatencyMaxMs() {
        return latencyNanosMax.get() / 1e6;
    }

    @Override
    public long getInFlightRequests() {
        return inFlight.get();
    }

    @Override
    public String getInstanceId() {
        return instanceId;
    }

    /**
     * Unregisters the MBean, unless a restarted instance of the task has taken the name over
     * since; the counters stay readable on this object.
     */
    @Override
    public void close() {
        try {
            if (!instanceId.equals(server.getAttribute(name, "InstanceId"))) {
                return;
            }
        } catch (InstanceNotFoundException alreadyGone) {
            return;
        } catch (JMException e) {
            LOG.warn("Could not read metrics {}", name, e);
            return;
        }
        unregisterQuietly();
    }

    private void unregisterQuietly() {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException alreadyGone) {
            // closed twice, or replaced: nothing to do
        } catch (JMException e) {
            LOG.warn("Could not unregister metrics {}", name, e);
        }
    }
}
