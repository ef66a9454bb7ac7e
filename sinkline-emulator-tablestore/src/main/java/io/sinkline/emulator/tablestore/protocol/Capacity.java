package io.sinkline.emulator.tablestore.protocol;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;

/** Consumed capacity: the emulator does not meter, but the SDK requires the field. */
final class Capacity {
    static final OtsInternalApi.ConsumedCapacity ONE_READ = consumed(1, 0);
    static final OtsInternalApi.ConsumedCapacity ONE_WRITE = consumed(0, 1);

    private Capacity() {
    }

    static OtsInternalApi.ConsumedCapacity consumed(int read, int write) {
        return OtsInternalApi.ConsumedCapacity.newBuilder()
                .setCapacityUnit(OtsInternalApi.CapacityUnit.newBuilder().setRead(read).setWrite(write))
                .build();
    }
}
