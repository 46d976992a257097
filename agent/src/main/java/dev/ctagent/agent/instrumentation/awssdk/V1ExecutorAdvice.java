package dev.ctagent.agent.instrumentation.awssdk;

import dev.ctagent.bridge.SdkBridge;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the exit of SDK v1's {@code AmazonHttpClient$RequestExecutor.doExecute()}: the safety net for
 * failures that never reach the handlers' {@code afterError} (OpenTelemetry has the same one).
 */
final class V1ExecutorAdvice {
    private V1ExecutorAdvice() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.FieldValue("requestHandler2s") List<?> handlers, @Advice.FieldValue("request") Object request,
            @Advice.Thrown Throwable thrown) {
        if (thrown != null) {
            SdkBridge.v1ExecutorThrew(handlers, request, thrown);
        }
    }
}
