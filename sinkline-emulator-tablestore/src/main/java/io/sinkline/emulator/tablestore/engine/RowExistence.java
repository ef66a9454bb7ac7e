package io.sinkline.emulator.tablestore.engine;

/** The row-existence part of a write condition. */
public enum RowExistence { IGNORE, EXPECT_EXIST, EXPECT_NOT_EXIST }
