package dev.ctagent.agent.instrumentation.servlet;

import dev.ctagent.bridge.ServletBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ServletInputStream.read(byte[], int, int)} of both servlet APIs: the bytes the
 * read returned into the caller's buffer are copied to the request's body tap (only at the outermost
 * read of a thread, so a stream that wraps another is not counted twice). Names no type but the bridge's.
 */
final class BodyReadAdvice {
    private BodyReadAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.This Object stream) {
        return ServletBridge.readEnter(stream);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object state, @Advice.Argument(0) byte[] b, @Advice.Argument(1) int off,
            @Advice.Return int n) {
        ServletBridge.readExit(state, b, off, n);
    }
}
