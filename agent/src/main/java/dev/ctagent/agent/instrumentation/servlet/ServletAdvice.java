package dev.ctagent.agent.instrumentation.servlet;

import dev.ctagent.bridge.ServletBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Servlet.service(req, resp)} and {@code Filter.doFilter(req, resp, chain)} of both
 * servlet APIs. Arguments are bound as {@code Object}, so one advice fits javax and jakarta; it names no
 * type but the bridge's, which every application class loader can see.
 */
final class ServletAdvice {
    private ServletAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter() {
        return ServletBridge.enter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter Object state, @Advice.Argument(0) Object request,
            @Advice.Argument(1) Object response, @Advice.Thrown Throwable thrown) {
        ServletBridge.exit(state, request, response, thrown);
    }
}
