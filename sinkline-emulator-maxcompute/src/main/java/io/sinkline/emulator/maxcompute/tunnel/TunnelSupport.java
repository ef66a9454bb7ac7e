package io.sinkline.emulator.maxcompute.tunnel;

import java.util.UUID;

import io.sinkline.emulator.maxcompute.http.OdpsError;
import io.sinkline.emulator.maxcompute.storage.PartitionValues;
import io.sinkline.emulator.maxcompute.storage.Store;
import io.sinkline.emulator.maxcompute.storage.TableDef;

/** What the tunnel routes share: the store, new session ids and the "partition must exist" rule. */
final class TunnelSupport {

    private TunnelSupport() {
    }

    static PartitionValues existingPartition(Store store, TableDef def, String spec) {
        PartitionValues p = PartitionValues.parse(def, spec);
        if (!p.isEmpty() && !store.hasPartition(def, p)) {
            throw new OdpsError(404, "NoSuchPartition", "Partition not found - " + p.display());
        }
        return p;
    }

    static String newId() {
        return UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }
}
