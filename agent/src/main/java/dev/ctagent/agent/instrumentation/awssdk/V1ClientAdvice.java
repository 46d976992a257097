package dev.ctagent.agent.instrumentation.awssdk;

import dev.ctagent.bridge.SdkBridge;
import java.util.List;
import net.bytebuddy.asm.Advice;

/** Inlined at the end of SDK v1's {@code AmazonWebServiceClient} constructors: adds the agent's handler. */
final class V1ClientAdvice {
    private V1ClientAdvice() {}

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object client, @Advice.FieldValue("requestHandler2s") List<?> handlers,
            @Advice.Origin Class<?> base) {
        SdkBridge.addV1Handler(handlers, client, base);
    }
}
