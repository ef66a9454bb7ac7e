package io.sinkline.tablestore.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.RowChange;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import io.sinkline.core.offsets.OffsetTracker;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class KeyLanesTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);
    private final OffsetTracker tracker = new OffsetTracker();
    private long offset;

    @Test
    void orderedLanesHandOverOneRowPerKeyAtATime() {
        KeyLanes lanes = new KeyLanes(true);
        RowChange a1 = row("a");
        RowChange a2 = row("a");
        RowChange a3 = row("a");
        RowChange b1 = row("b");
        Delivery d1 = delivery();
        Delivery d2 = delivery();
        Delivery d3 = delivery();

        assertThat(lanes.add(a1, d1)).isTrue();
        assertThat(lanes.add(a2, d2)).as("waits behind a1").isFalse();
        assertThat(lanes.add(a3, d3)).as("waits behind a2").isFalse();
        assertThat(lanes.add(b1, delivery())).as("another key").isTrue();
        assertThat(lanes.size()).isEqualTo(4);
        assertThat(lanes.find(a1)).isSameAs(d1);

        assertThat(lanes.settle(a1)).isSameAs(d1);
        assertThat(d1.heldBehind()).as("a2 goes next").isSameAs(d2);
        assertThat(lanes.settle(a1)).as("settled once").isNull();
        assertThat(lanes.settle(a2).heldBehind()).isSameAs(d3);
        assertThat(lanes.settle(a3).heldBehind()).isNull();
        assertThat(lanes.add(row("a"), delivery())).as("the key's lane is empty again").isTrue();
        assertThat(lanes.size()).isEqualTo(2);
    }

    @Test
    void unorderedLanesHandOverEveryRowAndSettleInAnyOrder() {
        KeyLanes lanes = new KeyLanes(false);
        RowChange a1 = row("a");
        RowChange a2 = row("a");
        RowChange a3 = row("a");
        Delivery d2 = delivery();
        assertThat(lanes.add(a1, delivery())).isTrue();
        assertThat(lanes.add(a2, d2)).isTrue();
        assertThat(lanes.add(a3, delivery())).isTrue();

        assertThat(d2.change()).as("what a retry resends").isSameAs(a2);
        assertThat(lanes.settle(a2)).isSameAs(d2);
        assertThat(d2.heldBehind()).isNull();
        assertThat(lanes.settle(a3)).isNotNull();
        assertThat(lanes.find(a1)).isNotNull();
        assertThat(lanes.settle(a1)).isNotNull();
        assertThat(lanes.size()).isZero();
    }

    @Test
    void keysOfOneStripeSpreadOverTheBucketsOfItsHashMap() {
        // The benchmark's keys: one partition, consecutive offsets. Keys of one stripe once all fell into
        // one bucket of the stripe's HashMap (stripe and bucket both came from the hash's low bits).
        Map<Integer, Set<Integer>> bucketsByStripe = new HashMap<>();
        Map<Integer, Integer> keysByStripe = new HashMap<>();
        for (long offset = 0; offset < 8192; offset++) {
            int hash = PrimaryKeyBuilder.createPrimaryKeyBuilder()
                    .addPrimaryKeyColumn("topic_partition", PrimaryKeyValue.fromString("events_3"))
                    .addPrimaryKeyColumn("offset", PrimaryKeyValue.fromLong(offset)).build().hashCode();
            int stripe = KeyLanes.stripeOf(hash);
            bucketsByStripe.computeIfAbsent(stripe, s -> new HashSet<>()).add(hashMapBucket(hash, 256));
            keysByStripe.merge(stripe, 1, Integer::sum);
        }
        assertThat(keysByStripe).as("every stripe is used").hasSize(64);
        assertThat(keysByStripe.values()).as("no stripe holds more than twice its share of 128 keys")
                .allSatisfy(keys -> assertThat(keys).isLessThanOrEqualTo(256));
        assertThat(bucketsByStripe.values()).as("a stripe's 128 keys or so use many of its map's 256 buckets")
                .allSatisfy(buckets -> assertThat(buckets.size()).isGreaterThanOrEqualTo(48));
    }

    @Test
    void takesOnlyRowsThatCarryTheirDelivery() {
        KeyLanes lanes = new KeyLanes(false);
        RowChange plain = new RowPutChange("t", PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("id", PrimaryKeyValue.fromString("a")).build());
        assertThatThrownBy(() -> lanes.add(plain, delivery()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TrackedRows");
    }

    /** The bucket java.util.HashMap picks for a key hash at the given capacity (a power of two). */
    private static int hashMapBucket(int hash, int capacity) {
        return (hash ^ (hash >>> 16)) & (capacity - 1);
    }

    private static RowChange row(String id) {
        return TrackedRows.put("t", PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("id", PrimaryKeyValue.fromString(id)).build());
    }

    private Delivery delivery() {
        long o = offset++;
        return new Delivery(new SinkRecord(TP.topic(), TP.partition(), null, null, null, "{}", o), tracker.track(TP, o));
    }
}
