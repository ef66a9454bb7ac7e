package io.sinkline.maxcompute.auth;

import com.aliyun.odps.Odps;
import com.aliyun.odps.account.Account;
import com.aliyun.odps.account.AklessAccount;
import com.aliyun.odps.account.AliyunAccount;
import com.aliyun.odps.tunnel.TableTunnel;

import io.sinkline.maxcompute.config.AccountType;
import io.sinkline.maxcompute.config.MaxComputeSinkConfig;

/** Builds the SDK clients (Odps for metadata and SQL, TableTunnel for data) from the configuration. */
public final class OdpsClients {

    private OdpsClients() {
    }

    public static Odps odps(MaxComputeSinkConfig config) {
        Odps odps = new Odps(account(config));
        odps.setEndpoint(config.endpoint());
        odps.setDefaultProject(config.project());
        String schema = schemaOrNull(config);
        if (schema != null) {
            odps.setCurrentSchema(schema);
        }
        odps.setUserAgent("sinkline-maxcompute");
        return odps;
    }

    public static TableTunnel tunnel(Odps odps, MaxComputeSinkConfig config) {
        TableTunnel tunnel = new TableTunnel(odps);
        if (!config.tunnelEndpoint().isEmpty()) {
            tunnel.setEndpoint(config.tunnelEndpoint());
        }
        return tunnel;
    }

    /** The schema to address, or null for "default" (two-layer projects have no schemas to name). */
    public static String schemaOrNull(MaxComputeSinkConfig config) {
        String schema = config.schema();
        return schema.isEmpty() || schema.equalsIgnoreCase("default") ? null : schema;
    }

    static Account account(MaxComputeSinkConfig config) {
        if (config.accountType() == AccountType.STS) {
            return new AklessAccount(StsCredentials.provider(config), config.regionId());
        }
        return new AliyunAccount(config.accessId(), config.accessKey().value());
    }
}
