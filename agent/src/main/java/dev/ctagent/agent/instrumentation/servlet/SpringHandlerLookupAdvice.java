package dev.ctagent.agent.instrumentation.servlet;

import dev.ctagent.bridge.ServletBridge;
import net.bytebuddy.asm.Advice;

/** Inlined into Spring MVC's {@code DispatcherServlet.getHandler(request)}: see ServletCapture#handlerLookup. */
final class SpringHandlerLookupAdvice {
    private SpringHandlerLookupAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object request) {
        ServletBridge.handlerLookup(request);
    }
}
