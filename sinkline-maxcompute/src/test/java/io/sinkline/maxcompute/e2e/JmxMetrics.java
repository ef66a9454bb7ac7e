package io.sinkline.maxcompute.e2e;

import java.lang.management.ManagementFactory;

import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Metrics of the Connect workers, their consumers and the sink tasks, read over JMX (they all run in the test's JVM). */
final class JmxMetrics {

    private JmxMetrics() {
    }

    /** The attribute summed over every MBean the pattern matches (0 when none does yet). */
    static double sum(String objectNamePattern, String attribute) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            double sum = 0;
            for (ObjectName name : server.queryNames(new ObjectName(objectNamePattern), null)) {
                sum += ((Number) server.getAttribute(name, attribute)).doubleValue();
            }
            return sum;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + attribute + " of " + objectNamePattern, e);
        }
    }

    /** A counter of the MaxCompute sink's own metrics, summed over the connector's tasks. */
    static long sinkTasks(String connector, String attribute) {
        return (long) sum("io.sinkline:type=sink-task-metrics,sink=maxcompute,connector=" + connector + ",task=*", attribute);
    }
}
