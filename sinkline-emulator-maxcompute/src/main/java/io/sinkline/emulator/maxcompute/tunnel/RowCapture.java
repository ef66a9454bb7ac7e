package io.sinkline.emulator.maxcompute.tunnel;

import com.aliyun.odps.Column;
import com.aliyun.odps.data.ArrayRecord;

/**
 * A record the SDK's stream reader can fill without the per-value conversion and validation of
 * {@link ArrayRecord#set(int, Object)}: the reader already produced values of the column's type, and
 * one instance is reused for every row of a block ({@link #takeRow()} hands each row out as an array).
 */
final class RowCapture extends ArrayRecord {

    private static final long serialVersionUID = 1L;

    private Object[] row;

    RowCapture(Column[] columns) {
        super(columns);
        this.row = new Object[columns.length];
    }

    @Override
    public void set(int idx, Object value) {
        row[idx] = value;
    }

    @Override
    public Object get(int idx) {
        return row[idx];
    }

    Object[] takeRow() {
        Object[] taken = row;
        row = new Object[taken.length];
        return taken;
    }
}
