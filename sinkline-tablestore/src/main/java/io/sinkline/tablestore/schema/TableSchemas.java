package io.sinkline.tablestore.schema;

import com.alicloud.openservices.tablestore.SyncClientInterface;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.core.ErrorCode;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.DescribeTableRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.ReservedThroughput;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import io.sinkline.tablestore.config.ColumnSpec;
import io.sinkline.tablestore.config.ColumnType;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a destination data table exists with the configured primary key: describes it,
 * creates it when missing and auto-create is on, and fails with a message naming the mismatch
 * when an existing table's primary key differs from the configuration.
 */
public final class TableSchemas {
    private static final Logger log = LoggerFactory.getLogger(TableSchemas.class);

    private final SyncClientInterface client;
    private final boolean autoCreate;

    public TableSchemas(SyncClientInterface client, boolean autoCreate) {
        this.client = client;
        this.autoCreate = autoCreate;
    }

    /**
     * @param primaryKey the configured key; a column without a declared type takes its type
     *                   from the existing table and, for a new table, is a string
     * @param configKey  the key to name in error messages
     */
    public void ensure(String table, List<ColumnSpec> primaryKey, String configKey) {
        TableMeta existing = describe(table);
        if (existing == null) {
            if (!autoCreate) {
                throw new ConnectException("Tablestore table '" + table + "' does not exist; create it or set auto.create=true");
            }
            create(table, primaryKey);
            return;
        }
        String mismatch = mismatch(existing.getPrimaryKeyList(), primaryKey);
        if (mismatch != null) {
            throw new ConnectException("Tablestore table '" + table + "' does not match " + configKey + ": " + mismatch);
        }
    }

    private TableMeta describe(String table) {
        try {
            return client.describeTable(new DescribeTableRequest(table)).getTableMeta();
        } catch (TableStoreException e) {
            if (ErrorCode.OBJECT_NOT_EXIST.equals(e.getErrorCode())) {
                return null;
            }
            throw new ConnectException("could not describe Tablestore table '" + table + "': " + e.getMessage(), e);
        }
    }

    private void create(String table, List<ColumnSpec> primaryKey) {
        TableMeta meta = new TableMeta(table);
        for (ColumnSpec column : primaryKey) {
            meta.addPrimaryKeyColumn(column.name(), toPrimaryKeyType(column.type() == null ? ColumnType.STRING : column.type()));
        }
        CreateTableRequest request = new CreateTableRequest(meta, new TableOptions(-1, 1));
        request.setReservedThroughput(new ReservedThroughput(0, 0));
        try {
            client.createTable(request);
            log.info("Created Tablestore table '{}' with primary key {}", table, primaryKey);
        } catch (TableStoreException e) {
            if (!"OTSObjectAlreadyExist".equals(e.getErrorCode())) {
                throw new ConnectException("could not create Tablestore table '" + table + "': " + e.getMessage(), e);
            }
            // another task created it first: check it like any existing table
            String mismatch = mismatch(describe(table).getPrimaryKeyList(), primaryKey);
            if (mismatch != null) {
                throw new ConnectException("Tablestore table '" + table + "' (created concurrently) does not match: " + mismatch);
            }
        }
    }

    static String mismatch(List<PrimaryKeySchema> actual, List<ColumnSpec> expected) {
        if (actual.size() != expected.size()) {
            return "the table's primary key is " + describe(actual) + " but the configuration has "
                    + expected.size() + " column(s) " + expected.stream().map(ColumnSpec::name).toList();
        }
        for (int i = 0; i < actual.size(); i++) {
            PrimaryKeySchema column = actual.get(i);
            ColumnSpec spec = expected.get(i);
            if (!column.getName().equals(spec.name())) {
                return "primary key column " + (i + 1) + " is '" + column.getName() + "' in the table but '"
                        + spec.name() + "' in the configuration";
            }
            if (spec.type() != null && column.getType() != toPrimaryKeyType(spec.type())) {
                return "primary key column '" + spec.name() + "' is " + column.getType() + " in the table but "
                        + spec.type().name().toLowerCase(Locale.ROOT) + " in the configuration";
            }
        }
        return null;
    }

    private static String describe(List<PrimaryKeySchema> columns) {
        return columns.stream().map(c -> c.getName() + " " + c.getType()).toList().toString();
    }

    static PrimaryKeyType toPrimaryKeyType(ColumnType type) {
        return switch (type) {
            case STRING -> PrimaryKeyType.STRING;
            case INTEGER -> PrimaryKeyType.INTEGER;
            case BINARY -> PrimaryKeyType.BINARY;
            default -> throw new IllegalArgumentException(type + " cannot be a primary key type");
        };
    }
}
