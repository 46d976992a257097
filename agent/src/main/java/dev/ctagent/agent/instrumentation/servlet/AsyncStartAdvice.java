package dev.ctagent.agent.instrumentation.servlet;

import dev.ctagent.bridge.ServletBridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ServletRequest.startAsync(..)}: the request's recording waits for completion. */
final class AsyncStartAdvice {
    private AsyncStartAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object request, @Advice.Return Object asyncContext) {
        ServletBridge.asyncStarted(request, asyncContext);
    }
}
