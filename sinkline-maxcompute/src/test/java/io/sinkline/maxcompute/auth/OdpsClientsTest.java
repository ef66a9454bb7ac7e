package io.sinkline.maxcompute.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.aliyun.credentials.provider.RamRoleArnCredentialProvider;
import com.aliyun.odps.account.Account;
import com.aliyun.odps.account.AklessAccount;
import com.aliyun.odps.account.AliyunAccount;

import io.sinkline.maxcompute.config.MaxComputeSinkConfig;

/**
 * Which account the configuration builds. STS is checked up to the provider's settings: the
 * provider only speaks HTTPS to a real STS endpoint, which tests do not reach.
 */
class OdpsClientsTest {

    private static Map<String, String> base() {
        Map<String, String> config = new HashMap<>();
        config.put("endpoint", "http://127.0.0.1:1/api");
        config.put("project", "p");
        config.put("table", "t");
        config.put("access_id", "AKID");
        config.put("access_key", "SECRET");
        return config;
    }

    @Test
    void aliyunUsesTheAccessKeyPair() {
        Account account = OdpsClients.account(new MaxComputeSinkConfig(base()));

        assertThat(account).isInstanceOfSatisfying(AliyunAccount.class, aliyun -> {
            assertThat(aliyun.getAccessId()).isEqualTo("AKID");
            assertThat(aliyun.getAccessKey()).isEqualTo("SECRET");
        });
    }

    @Test
    void stsAssumesTheRoleOfTheAccountWithTheAccessKeyPair() {
        Map<String, String> props = base();
        props.put("account_type", "STS");
        props.put("account_id", "1880000000000000");
        props.put("region_id", "cn-shanghai");
        props.put("role_name", "AliyunKafkaMaxComputeUser1");
        props.put("sts.endpoint", "https://sts.cn-shanghai.aliyuncs.com/");
        props.put("client_timeout_ms", "3600000");

        Account account = OdpsClients.account(new MaxComputeSinkConfig(props));

        assertThat(account).isInstanceOfSatisfying(AklessAccount.class, akless -> {
            assertThat(akless.getRegionId()).isEqualTo("cn-shanghai");
            assertThat(akless.getCredentialsProvider()).isInstanceOfSatisfying(RamRoleArnCredentialProvider.class, sts -> {
                assertThat(sts.getRoleArn()).isEqualTo("acs:ram::1880000000000000:role/AliyunKafkaMaxComputeUser1");
                assertThat(sts.getAccessKeyId()).isEqualTo("AKID");
                assertThat(sts.getDurationSeconds()).isEqualTo(3600);
                assertThat(sts.getRoleSessionName()).isEqualTo("sinkline-maxcompute");
            });
        });
    }

    @Test
    void stsSessionsLastAtLeastAssumeRolesMinimumAndEndpointsLoseTheirScheme() {
        assertThat(StsCredentials.sessionSeconds(11)).isEqualTo(900);
        assertThat(StsCredentials.sessionSeconds(660_000)).isEqualTo(900);
        assertThat(StsCredentials.sessionSeconds(1_800_500)).isEqualTo(1801);
        assertThat(StsCredentials.stripScheme("https://sts.aliyuncs.com/")).isEqualTo("sts.aliyuncs.com");
        assertThat(StsCredentials.stripScheme("sts-vpc.cn-shanghai.aliyuncs.com")).isEqualTo("sts-vpc.cn-shanghai.aliyuncs.com");
    }
}
