package dev.ctagent.agent.instrumentation.servlet;

import dev.ctagent.bridge.ServletBridge;
import net.bytebuddy.asm.Advice;

/** As {@link BodyReadAdvice}, for a stream that overrides {@code read(byte[])} itself. */
final class BodyReadArrayAdvice {
    private BodyReadArrayAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.This Object stream) {
        return ServletBridge.readEnter(stream);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object state, @Advice.Argument(0) byte[] b, @Advice.Return int n) {
        ServletBridge.readExit(state, b, 0, n);
    }
}
