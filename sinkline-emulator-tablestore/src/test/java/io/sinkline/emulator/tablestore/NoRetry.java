package io.sinkline.emulator.tablestore;

import com.alicloud.openservices.tablestore.ClientConfiguration;
import com.alicloud.openservices.tablestore.model.RetryStrategy;

/** A retry strategy that never retries, so a test sees the first answer. */
final class NoRetry implements RetryStrategy {

    static ClientConfiguration config() {
        ClientConfiguration conf = new ClientConfiguration();
        conf.setRetryStrategy(new NoRetry());
        return conf;
    }

    @Override
    public RetryStrategy clone() {
        return new NoRetry();
    }

    @Override
    public int getRetries() {
        return 0;
    }

    @Override
    public long nextPause(String action, Exception ex) {
        return 0;
    }
}
