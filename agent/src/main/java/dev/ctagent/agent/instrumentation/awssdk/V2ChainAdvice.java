package dev.ctagent.agent.instrumentation.awssdk;

import dev.ctagent.bridge.SdkBridge;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of SDK v2's {@code ExecutionInterceptorChain(List)}: the chain every call builds
 * from its client's interceptors gets the agent's interceptor too.
 */
final class V2ChainAdvice {
    private V2ChainAdvice() {}

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(value = 0, readOnly = false) List<?> interceptors,
            @Advice.Origin Class<?> chain) {
        interceptors = SdkBridge.withV2Interceptor(interceptors, chain);
    }
}
