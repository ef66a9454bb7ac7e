package io.sinkline.maxcompute.tunnel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.aliyun.odps.OdpsException;

/**
 * Creates table partitions when missing ({@code ALTER TABLE ... ADD IF NOT EXISTS PARTITION}, so
 * tasks racing for the same new partition all succeed) and remembers the ones that exist, so each
 * partition costs one SQL instance per task at most.
 */
public final class PartitionCreator {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionCreator.class);

    private final TunnelTarget target;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public PartitionCreator(TunnelTarget target) {
        this.target = target;
    }

    /** Makes sure the partition exists; a no-op for a table without partitions. */
    public void ensure(String partitionValue) throws OdpsException {
        if (target.partitionColumn().isEmpty() || known.contains(partitionValue)) {
            return;
        }
        target.sdkTable().createPartition(target.spec(partitionValue), true);
        known.add(partitionValue);
        LOG.debug("Partition {} of {} is ready", partitionValue, target.describe());
    }
}
