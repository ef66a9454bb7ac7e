package io.sinkline.bench.sink;

import io.sinkline.core.metrics.SinkTaskMetrics;
import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.utils.Sanitizer;

/**
 * The requests the connector's tasks sent in a run, read from their JMX metrics in this JVM (where
 * the Connect workers run) before the connector is deleted: more, smaller requests cost the
 * emulator more per record, so a round whose emulator share rises can be told apart.
 */
final class ConnectorBatches {
    private ConnectorBatches() {
    }

    /** E.g. "connector requests: 5,012 batches of 199.5 rows on average (largest 200)", or null without metrics. */
    static String describe(String connector) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long batches = 0;
        double rows = 0;
        long largest = 0;
        try {
            // Named as SinkTaskMetrics names them, with any sink and task.
            ObjectName pattern = new ObjectName(SinkTaskMetrics.DOMAIN + ":type=" + SinkTaskMetrics.TYPE
                    + ",connector=" + Sanitizer.jmxSanitize(connector) + ",*");
            Set<ObjectName> names = server.queryNames(pattern, null);
            for (ObjectName name : names) {
                long taskBatches = (Long) server.getAttribute(name, "BatchesWritten");
                batches += taskBatches;
                rows += taskBatches * (Double) server.getAttribute(name, "BatchSizeAvg");
                largest = Math.max(largest, (Long) server.getAttribute(name, "BatchSizeMax"));
            }
        } catch (JMException e) {
            return "connector requests: unknown (" + e.getMessage() + ")";
        }
        if (batches == 0) {
            return null;
        }
        return String.format("connector requests: %,d batches of %.1f rows on average (largest %d)", batches,
                rows / batches, largest);
    }
}
