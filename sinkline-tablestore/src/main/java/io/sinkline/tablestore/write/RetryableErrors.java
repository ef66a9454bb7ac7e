package io.sinkline.tablestore.write;

import com.alicloud.openservices.tablestore.ClientException;
import com.alicloud.openservices.tablestore.TableStoreException;
import java.util.Set;

/** Which write failures may succeed when tried again (throttling, timeouts, transient server errors). */
public final class RetryableErrors {
    private static final Set<String> CODES = Set.of(
            "OTSServerBusy", "OTSRowOperationConflict", "OTSNotEnoughCapacityUnit", "OTSTableNotReady",
            "OTSPartitionUnavailable", "OTSTimeout", "OTSInternalServerError", "OTSQuotaExhausted",
            "OTSRequestTimeout", "OTSServerUnavailable", "OTSCapacityUnitExhausted", "OTSTooFrequentReservedThroughputAdjustment");

    private RetryableErrors() {
    }

    public static boolean isRetryable(Throwable error) {
        if (error instanceof TableStoreException e) {
            return CODES.contains(e.getErrorCode()) || e.getHttpStatus() >= 500;
        }
        // Network failures, timeouts, a closed connection: the request may not have arrived.
        return error instanceof ClientException;
    }

    public static String describe(Throwable error) {
        if (error instanceof TableStoreException e) {
            return e.getErrorCode() + ": " + e.getMessage();
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
