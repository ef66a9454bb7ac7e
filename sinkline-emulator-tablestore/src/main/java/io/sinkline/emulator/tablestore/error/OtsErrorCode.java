package io.sinkline.emulator.tablestore.error;

/** The service's error codes with the HTTP status the service answers them with. */
public enum OtsErrorCode {
    AUTH_FAILED("OTSAuthFailed", 403),
    PARAMETER_INVALID("OTSParameterInvalid", 400),
    REQUEST_BODY_TOO_LARGE("OTSRequestBodyTooLarge", 413),
    OBJECT_NOT_EXIST("OTSObjectNotExist", 404),
    OBJECT_ALREADY_EXIST("OTSObjectAlreadyExist", 409),
    CONDITION_CHECK_FAIL("OTSConditionCheckFail", 403),
    ROW_OPERATION_CONFLICT("OTSRowOperationConflict", 409),
    NOT_ENOUGH_CAPACITY_UNIT("OTSNotEnoughCapacityUnit", 403),
    QUOTA_EXHAUSTED("OTSQuotaExhausted", 403),
    TABLE_NOT_READY("OTSTableNotReady", 404),
    PARTITION_UNAVAILABLE("OTSPartitionUnavailable", 503),
    SERVER_BUSY("OTSServerBusy", 503),
    SERVER_UNAVAILABLE("OTSServerUnavailable", 503),
    TIMEOUT("OTSTimeout", 503),
    INTERNAL_SERVER_ERROR("OTSInternalServerError", 500),
    OUT_OF_COLUMN_COUNT_LIMIT("OTSOutOfColumnCountLimit", 400),
    OUT_OF_ROW_SIZE_LIMIT("OTSOutOfRowSizeLimit", 400),
    INVALID_PK("OTSInvalidPK", 400),
    TRIMMED_DATA_ACCESS("OTSTrimmedDataAccess", 400),
    METHOD_NOT_ALLOWED("OTSMethodNotAllowed", 405),
    UNSUPPORTED_OPERATION("OTSUnsupportOperation", 400);

    private final String code;
    private final int httpStatus;

    OtsErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The known code with this name, or null. Accepts the wire name ("OTSServerBusy") or the enum name. */
    public static OtsErrorCode fromCode(String code) {
        for (OtsErrorCode c : values()) {
            if (c.code.equalsIgnoreCase(code) || c.name().equalsIgnoreCase(code)) {
                return c;
            }
        }
        return null;
    }
}
