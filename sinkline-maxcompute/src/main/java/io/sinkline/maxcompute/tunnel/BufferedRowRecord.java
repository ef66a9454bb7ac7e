package io.sinkline.maxcompute.tunnel;

import com.aliyun.odps.Column;
import com.aliyun.odps.data.ArrayRecord;

/**
 * Shows rows (value arrays) to the SDK's record writers one at a time, without copying each into
 * an {@link ArrayRecord} of its own. The SDK's Tunnel writers read a row only through
 * {@code getColumnCount()} and {@code get(int)}; the values were already checked and converted
 * by the SDK's rules when the row was formatted. One instance per writing thread.
 */
public final class BufferedRowRecord extends ArrayRecord {

    private static final long serialVersionUID = 1L;

    private transient Object[] shown;

    public BufferedRowRecord(Column[] columns) {
        super(columns);
    }

    BufferedRowRecord show(BufferedRow row) {
        return show(row.values());
    }

    BufferedRowRecord show(Object[] values) {
        this.shown = values;
        return this;
    }

    @Override
    public Object get(int idx) {
        return shown[idx];
    }

    @Override
    public Object[] toArray() {
        return shown;
    }
}
