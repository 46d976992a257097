package dev.ctagent.agent.instrumentation.servlet;

import dev.ctagent.bridge.ServletBridge;
import net.bytebuddy.asm.Advice;

/** As {@link BodyReadAdvice}, for {@code ServletInputStream.read()}: one byte, or -1 at the end. */
final class BodyReadByteAdvice {
    private BodyReadByteAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.This Object stream) {
        return ServletBridge.readEnter(stream);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object state, @Advice.Return int value) {
        ServletBridge.readByteExit(state, value);
    }
}
