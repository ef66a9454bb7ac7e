package io.sinkline.emulator.maxcompute;

import static io.sinkline.emulator.maxcompute.EmulatorClients.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.aliyun.odps.Column;
import com.aliyun.odps.data.ArrayRecord;
import com.aliyun.odps.data.Record;
import com.aliyun.odps.data.RecordWriter;
import com.aliyun.odps.data.Varchar;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.TunnelException;
import com.aliyun.odps.tunnel.io.CompressOption;

/**
 * Records the service refuses although the SDK sent them: a NULL in a NOT NULL column (the SDK never checks it) and
 * values past a declared length or precision (the SDK checks them only in {@code ArrayRecord.set}; a client that
 * shows the writer its own {@link Record} skips that). A refused block or pack leaves nothing behind.
 */
class RejectedRecordsTest extends EmulatorTest {

    @Test
    void notNullColumnsAreDeclaredAndABlockWithANullInOneIsRefusedWhole() throws Exception {
        sql(odps, "CREATE TABLE strict_rows (id BIGINT NOT NULL, name STRING NOT NULL COMMENT 'who', note STRING)");
        List<Column> columns = odps.tables().get("strict_rows").getSchema().getColumns();
        assertThat(columns).extracting(Column::isNullable).containsExactly(false, false, true);
        assertThat(columns.get(1).getComment()).isEqualTo("who");

        TableTunnel.UploadSession session = tunnel.createUploadSession(mc.project(), "strict_rows");
        assertThatThrownBy(() -> {
            try (RecordWriter writer = session.openRecordWriter(0, new CompressOption())) {
                writer.write(row(session, 1L, "ann", null));
                writer.write(row(session, 2L, null, "no name"));
            }
        }).isInstanceOf(IOException.class)
                .hasCauseInstanceOf(TunnelException.class)
                .hasMessageContaining("MalformedDataStream")
                .hasMessageContaining("record 1 of the request, column name STRING: NULL in a NOT NULL column");
        TunnelException cause = (TunnelException) causeOfRefusedBlock(session);
        assertThat(cause.getStatus()).isEqualTo(400);
        assertThat(cause.getErrorCode()).isEqualTo("MalformedDataStream");

        try (RecordWriter writer = session.openRecordWriter(1, new CompressOption())) {
            writer.write(row(session, 1L, "ann", null));
        }
        assertThat(session.getBlockList()).containsExactly(1L);
        session.commit(new Long[] {1L});
        assertThat(sql(odps, "select id, name from strict_rows").stream().map(r -> r.getString(0) + "=" + r.getString(1)))
                .containsExactly("1=ann");
    }

    @Test
    void aPackWithAValuePastItsDeclaredLengthOrPrecisionIsRefusedWhole() throws Exception {
        sql(odps, "CREATE TABLE sized (code VARCHAR(5), amount DECIMAL(5,2))");
        TableTunnel.StreamUploadSession session = tunnel.buildStreamUploadSession(mc.project(), "sized").build();
        Column[] columns = session.getSchema().getColumns().toArray(new Column[0]);

        TableTunnel.StreamRecordPack tooLong = session.newRecordPack(new CompressOption());
        tooLong.append(unchecked(columns, new Varchar("ok"), new BigDecimal("1.5")));
        tooLong.append(unchecked(columns, new Varchar("toolong"), new BigDecimal("1.5")));
        assertThatThrownBy(tooLong::flush).hasMessageContaining("MalformedDataStream")
                .hasMessageContaining("column code VARCHAR(5): a value of 7 characters exceeds the declared length 5");

        TableTunnel.StreamRecordPack tooBig = session.newRecordPack(new CompressOption());
        tooBig.append(unchecked(columns, new Varchar("ok"), new BigDecimal("1234.5")));
        assertThatThrownBy(tooBig::flush).hasMessageContaining("MalformedDataStream")
                .hasMessageContaining("1234.5 has 4 integer digits, at most 3 fit");

        TableTunnel.StreamRecordPack fits = session.newRecordPack(new CompressOption());
        fits.append(unchecked(columns, new Varchar("fives"), new BigDecimal("999.994")));
        fits.flush();
        assertThat(sql(odps, "select code, amount from sized").stream().map(r -> r.getString(0) + "=" + r.getString(1)))
                .containsExactly("fives=999.99");
    }

    private Throwable causeOfRefusedBlock(TableTunnel.UploadSession session) throws TunnelException {
        try (RecordWriter writer = session.openRecordWriter(2, new CompressOption())) {
            writer.write(row(session, 3L, null, null));
        } catch (IOException e) {
            return e.getCause();
        }
        throw new AssertionError("the block was accepted");
    }

    private static Record row(TableTunnel.UploadSession session, Long id, String name, String note) {
        Record r = session.newRecord();
        r.setBigint("id", id);
        r.setString("name", name);
        r.setString("note", note);
        return r;
    }

    /** A record the writer reads through {@code get(int)} only, as clients that reuse one record per block do. */
    private static Record unchecked(Column[] columns, Object... values) {
        return new ArrayRecord(columns) {
            @Override
            public Object get(int idx) {
                return values[idx];
            }

            @Override
            public Object[] toArray() {
                return values;
            }
        };
    }
}
