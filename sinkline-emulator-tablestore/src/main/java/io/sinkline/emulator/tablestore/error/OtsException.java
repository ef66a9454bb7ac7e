package io.sinkline.emulator.tablestore.error;

/** A service error: becomes an {@code Error{code, message}} response with the code's HTTP status. */
public final class OtsException extends RuntimeException {
    private final String code;
    private final int httpStatus;

    public OtsException(OtsErrorCode code, String message) {
        this(code.code(), code.httpStatus(), message);
    }

    public OtsException(String code, int httpStatus, String message) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public static OtsException invalid(String message) {
        return new OtsException(OtsErrorCode.PARAMETER_INVALID, message);
    }

    public static OtsException notExist(String message) {
        return new OtsException(OtsErrorCode.OBJECT_NOT_EXIST, message);
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
