package io.sinkline.tablestore.auth;

import com.alicloud.openservices.tablestore.AsyncClient;
import com.alicloud.openservices.tablestore.ClientConfiguration;
import com.alicloud.openservices.tablestore.core.ResourceManager;
import com.alicloud.openservices.tablestore.core.auth.CredentialsProvider;
import com.alicloud.openservices.tablestore.core.auth.DefaultCredentialProvider;
import io.sinkline.tablestore.config.AuthMode;
import io.sinkline.tablestore.config.TablestoreSinkConfig;

/** Builds the task's Tablestore client from the connection settings. */
public final class TablestoreClients {
    private TablestoreClients() {
    }

    public static AsyncClient create(TablestoreSinkConfig config, int maxConnections) {
        ClientConfiguration client = new ClientConfiguration();
        client.setConnectionTimeoutInMillisecond(config.clientTimeoutMs());
        client.setSocketTimeoutInMillisecond(config.clientTimeoutMs());
        client.setMaxConnections(Math.max(maxConnections, 16));
        return new AsyncClient(config.endpoint(), credentials(config), config.instanceName(), client,
                new ResourceManager(client, null));
    }

    static CredentialsProvider credentials(TablestoreSinkConfig config) {
        if (config.authMode() == AuthMode.STS) {
            return StsCredentialsProvider.from(config);
        }
        return new DefaultCredentialProvider(config.accessKeyId(), config.accessKeySecret().value());
    }
}
