package io.sinkline.tablestore;

import io.sinkline.tablestore.config.PrimaryKeyMode;
import io.sinkline.tablestore.config.TableMapping;
import io.sinkline.tablestore.config.TableNameResolver;
import io.sinkline.tablestore.config.TablestoreSinkConfig;
import io.sinkline.tablestore.mapping.RowMapper;
import io.sinkline.tablestore.schema.TableSchemas;
import java.util.HashMap;
import java.util.Map;

/**
 * Topic → the table's {@link RowMapper}. The first record of a table checks (or creates) the
 * table; the mapper is then reused. Used from the task thread only.
 */
final class DataTableRoutes {
    private final TablestoreSinkConfig config;
    private final TableNameResolver names;
    private final TableSchemas schemas;
    private final Map<String, RowMapper> byTopic = new HashMap<>();
    private final Map<String, RowMapper> byTable = new HashMap<>();

    DataTableRoutes(TablestoreSinkConfig config, TableSchemas schemas) {
        this.config = config;
        this.names = config.tableNames();
        this.schemas = schemas;
    }

    RowMapper forTopic(String topic) {
        RowMapper mapper = byTopic.get(topic);
        if (mapper == null) {
            mapper = byTable.computeIfAbsent(names.tableFor(topic), this::open);
            byTopic.put(topic, mapper);
        }
        return mapper;
    }

    private RowMapper open(String table) {
        TableMapping mapping = config.tableMapping(table);
        PrimaryKeyMode mode = config.primaryKeyMode();
        schemas.ensure(table, mode == PrimaryKeyMode.KAFKA ? TableMapping.kafkaPrimaryKey() : mapping.primaryKey(),
                mode == PrimaryKeyMode.KAFKA ? TablestoreSinkConfig.PRIMARY_KEY_MODE : TableMapping.primaryKeyNameKey(table));
        return new RowMapper(mapping, mode, config.operationMode(), config.deleteMode(), config.jsonPathOverEnvelope());
    }
}
