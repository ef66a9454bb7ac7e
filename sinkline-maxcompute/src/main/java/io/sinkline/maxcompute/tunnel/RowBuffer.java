package io.sinkline.maxcompute.tunnel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

/**
 * The rows a task holds before the next flush, grouped by target table partition (not by Kafka
 * partition: one upload session per table partition per flush). Used by the task thread only.
 */
public final class RowBuffer {

    private Map<String, List<BufferedRow>> byTablePartition = new LinkedHashMap<>();
    /** Rows each table partition had at the last drain: the next list starts that large, not grown by copying. */
    private final Map<String, Integer> lastSizes = new HashMap<>();
    private final BufferLevel level = new BufferLevel();

    public void add(String tablePartition, BufferedRow row, long nowMillis) {
        List<BufferedRow> rowsOfPartition = byTablePartition.get(tablePartition);
        if (rowsOfPartition == null) {
            rowsOfPartition = new ArrayList<>(lastSizes.getOrDefault(tablePartition, 16));
            byTablePartition.put(tablePartition, rowsOfPartition);
        }
        rowsOfPartition.add(row);
        level.added(1, row.sizeBytes(), nowMillis);
    }

    /** How full the buffer is. */
    public BufferLevel level() {
        return level;
    }

    /** Takes every row out, grouped by table partition. */
    public Map<String, List<BufferedRow>> drain() {
        Map<String, List<BufferedRow>> drained = byTablePartition;
        if (lastSizes.size() > 1000) {
            lastSizes.clear(); // partitions come and go (HOUR, MINUTE windows): keep only recent ones
        }
        drained.forEach((partition, rowsOfPartition) -> lastSizes.put(partition, rowsOfPartition.size()));
        byTablePartition = new LinkedHashMap<>();
        level.clear();
        return drained;
    }

    /** Takes out the rows of these Kafka partitions (for a flush of those partitions only), grouped by table partition. */
    public Map<String, List<BufferedRow>> takeKafkaPartitions(Collection<TopicPartition> kafkaPartitions) {
        Set<TopicPartition> wanted = new HashSet<>(kafkaPartitions);
        Map<String, List<BufferedRow>> taken = new LinkedHashMap<>();
        Iterator<Map.Entry<String, List<BufferedRow>>> entries = byTablePartition.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, List<BufferedRow>> entry = entries.next();
            Iterator<BufferedRow> it = entry.getValue().iterator();
            while (it.hasNext()) {
                BufferedRow row = it.next();
                if (wanted.contains(row.pending().topicPartition())) {
                    it.remove();
                    level.removed(1, row.sizeBytes());
                    taken.computeIfAbsent(entry.getKey(), p -> new ArrayList<>()).add(row);
                }
            }
            if (entry.getValue().isEmpty()) {
                entries.remove();
            }
        }
        return taken;
    }

    /**
     * Drops the rows of revoked Kafka partitions (their offsets are not committed, so Kafka
     * redelivers them to the next owner) and keeps every other row.
     *
     * @return how many rows were dropped
     */
    public int removeKafkaPartitions(Collection<TopicPartition> revoked) {
        return takeKafkaPartitions(revoked).values().stream().mapToInt(List::size).sum();
    }
}
