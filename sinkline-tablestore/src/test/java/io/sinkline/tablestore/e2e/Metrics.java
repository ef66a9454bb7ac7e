package io.sinkline.tablestore.e2e;

import io.sinkline.core.metrics.SinkTaskMetrics;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Reads the sink's JMX task metrics (the in-process workers register them in this JVM). */
final class Metrics {
    private Metrics() {
    }

    /** Each attribute summed over the connector's tasks. */
    static Map<String, Long> sum(String connector, String... attributes) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<String, Long> sums = new LinkedHashMap<>();
        try {
            ObjectName pattern = new ObjectName(SinkTaskMetrics.DOMAIN + ":type=" + SinkTaskMetrics.TYPE
                    + ",sink=tablestore,connector=" + connector + ",*");
            for (ObjectName name : server.queryNames(pattern, null)) {
                for (String attribute : attributes) {
                    Number value = (Number) server.getAttribute(name, attribute);
                    sums.merge(attribute, value.longValue(), Long::sum);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not read the task metrics of " + connector, e);
        }
        for (String attribute : attributes) {
            sums.putIfAbsent(attribute, 0L);
        }
        return sums;
    }
}
