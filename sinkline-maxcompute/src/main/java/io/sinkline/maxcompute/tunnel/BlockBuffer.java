package io.sinkline.maxcompute.tunnel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

import io.sinkline.core.offsets.PendingRecord;

/**
 * The batch Tunnel rows a task holds before the next flush, encoded as they arrive: per target
 * table partition, one open {@link EncodedBlock} per Kafka partition (so that a revoked or rewound
 * Kafka partition's rows can be dropped whole), sealed at {@code record_batch_size} rows. A flush
 * takes every block of a table partition into one upload session. Used by the task thread only.
 */
public final class BlockBuffer {

    private final BlockFormat format;
    private Map<String, Map<TopicPartition, EncodedBlock>> open = new LinkedHashMap<>();
    private Map<String, List<EncodedBlock>> sealed = new LinkedHashMap<>();
    private final BufferLevel level = new BufferLevel();
    /** put() gets runs of records of one partition: most rows find their block here without two map lookups. */
    private String lastTablePartition;
    private TopicPartition lastKafkaPartition;
    private EncodedBlock lastBlock;

    public BlockBuffer(BlockFormat format) {
        this.format = format;
    }

    /**
     * Encodes {@code values} into the block of its table partition and Kafka partition.
     *
     * @return false if encoding failed: the block is broken and will come back refused, so its
     *         records are read again (nothing is lost, nothing half-written is sent)
     */
    public boolean add(String tablePartition, Object[] values, PendingRecord pending, long nowMillis) {
        TopicPartition kafkaPartition = pending.topicPartition();
        EncodedBlock block = lastBlock;
        if (block == null || !tablePartition.equals(lastTablePartition) || !kafkaPartition.equals(lastKafkaPartition)) {
            block = open.computeIfAbsent(tablePartition, p -> new LinkedHashMap<>())
                    .computeIfAbsent(kafkaPartition, format::newBlock);
            lastTablePartition = tablePartition;
            lastKafkaPartition = kafkaPartition;
            lastBlock = block;
        }
        long before = block.bytes();
        boolean encoded = block.append(values, pending);
        level.added(1, block.bytes() - before, nowMillis);
        if (block.rows() >= format.rowsPerBlock()) {
            open.get(tablePartition).remove(kafkaPartition);
            sealed.computeIfAbsent(tablePartition, p -> new ArrayList<>()).add(block);
            lastBlock = null;
        }
        return encoded;
    }

    /** How full the buffer is. */
    public BufferLevel level() {
        return level;
    }

    /** Takes every block out, grouped by table partition. */
    public Map<String, List<EncodedBlock>> drain() {
        Map<String, List<EncodedBlock>> drained = sealed;
        open.forEach((tablePartition, blocks) ->
                drained.computeIfAbsent(tablePartition, p -> new ArrayList<>()).addAll(blocks.values()));
        open = new LinkedHashMap<>();
        sealed = new LinkedHashMap<>();
        lastBlock = null;
        level.clear();
        return drained;
    }

    /**
     * Takes out the blocks of these Kafka partitions (for a flush of those partitions only), grouped
     * by table partition, oldest first; every other block stays.
     */
    public Map<String, List<EncodedBlock>> takeKafkaPartitions(Collection<TopicPartition> kafkaPartitions) {
        Set<TopicPartition> wanted = new HashSet<>(kafkaPartitions);
        Map<String, List<EncodedBlock>> taken = new LinkedHashMap<>();
        sealed.forEach((tablePartition, blocks) -> move(blocks, tablePartition, wanted, taken));
        open.forEach((tablePartition, blocks) -> move(blocks.values(), tablePartition, wanted, taken));
        open.values().removeIf(Map::isEmpty);
        sealed.values().removeIf(List::isEmpty);
        lastBlock = null;
        return taken;
    }

    /** Moves the blocks of the {@code wanted} Kafka partitions out of {@code blocks} into {@code taken}. */
    private void move(Collection<EncodedBlock> blocks, String tablePartition, Set<TopicPartition> wanted,
                      Map<String, List<EncodedBlock>> taken) {
        for (Iterator<EncodedBlock> it = blocks.iterator(); it.hasNext(); ) {
            EncodedBlock block = it.next();
            if (wanted.contains(block.kafkaPartition())) {
                it.remove();
                level.removed(block.rows(), block.bytes());
                taken.computeIfAbsent(tablePartition, p -> new ArrayList<>()).add(block);
            }
        }
    }

    /**
     * Drops the blocks of these Kafka partitions (revoked, or rewound to be read again); every
     * other block stays.
     *
     * @return how many rows were dropped
     */
    public int removeKafkaPartitions(Collection<TopicPartition> kafkaPartitions) {
        int dropped = 0;
        for (List<EncodedBlock> blocks : takeKafkaPartitions(kafkaPartitions).values()) {
            for (EncodedBlock block : blocks) {
                block.discard();
                dropped += block.rows();
            }
        }
        return dropped;
    }
}
