package io.sinkline.emulator.tablestore.protocol;

import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import com.aliyun.ots.thirdparty.com.google.protobuf.MessageLite;

import java.io.IOException;

/**
 * One API action: a protobuf request body in, a protobuf response out (or an {@code OtsException}).
 * An unparsable body surfaces as {@code InvalidProtocolBufferException}, an {@code IOException}.
 */
@FunctionalInterface
public interface Action {
    MessageLite handle(ByteString body) throws IOException;
}
