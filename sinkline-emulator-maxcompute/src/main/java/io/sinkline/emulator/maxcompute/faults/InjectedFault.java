package io.sinkline.emulator.maxcompute.faults;

/** What the front must do with one request instead of (or before) serving it. */
public sealed interface InjectedFault {

    /** Answer with an error body carrying this status and code. */
    record Error(int status, String code, String message) implements InjectedFault {
    }

    /** Close the connection without answering. */
    record Drop() implements InjectedFault {
    }
}
