package io.sinkline.emulator.tablestore.protocol;

import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import com.aliyun.ots.thirdparty.com.google.protobuf.MessageLite;

/** One API action: a protobuf request body in, a protobuf response out (or an {@code OtsException}). */
@FunctionalInterface
public interface Action {
    MessageLite handle(ByteString body) throws InvalidProtocolBufferException;
}
