package dev.ctagent.agent.instrumentation.awssdk;

import static net.bytebuddy.matcher.ElementMatchers.declaresField;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * The two classes the AWS SDK capture advises, both matched by exact name: SDK v2's
 * {@code ExecutionInterceptorChain} constructor (so every call's chain holds the agent's interceptor,
 * whichever builder made the client and whenever) and SDK v1's {@code AmazonWebServiceClient}
 * constructors (so every client holds the agent's request handler, as OpenTelemetry does), with a safety
 * net on its request executor for failures that skip the handlers' {@code afterError}.
 */
public final class AwsSdkInstrumentation {
    private AwsSdkInstrumentation() {}

    /** The classes advised, so the ignore list can let exactly these through. */
    public static final String[] ADVISED = {SdkNames.V2_INTERCEPTOR_CHAIN, SdkNames.V1_CLIENT,
        SdkNames.V1_REQUEST_EXECUTOR};

    /** Internal-name prefixes of the SDKs, whose first class starts the instrumentation. */
    public static String[] triggers() {
        return SdkNames.internalPrefixes();
    }

    public static AgentBuilder apply(AgentBuilder builder) {
        ClassFileLocator adviceLocator = ClassFileLocator.ForClassLoader.of(AwsSdkInstrumentation.class.getClassLoader());
        Advice chainAdvice = Advice.to(V2ChainAdvice.class, adviceLocator);
        Advice clientAdvice = Advice.to(V1ClientAdvice.class, adviceLocator);
        Advice executorAdvice = Advice.to(V1ExecutorAdvice.class, adviceLocator);
        return builder
                .type(named(SdkNames.V2_INTERCEPTOR_CHAIN))
                .transform((b, type, loader, module, domain) ->
                        b.visit(chainAdvice.on(isConstructor().and(takesArguments(1))
                                .and(takesArgument(0, List.class)))))
                .type(named(SdkNames.V1_CLIENT).and(declaresField(named("requestHandler2s"))))
                .transform((b, type, loader, module, domain) -> b.visit(clientAdvice.on(isConstructor())))
                .type(named(SdkNames.V1_REQUEST_EXECUTOR).and(declaresField(named("request")))
                        .and(declaresField(named("requestHandler2s"))))
                .transform((b, type, loader, module, domain) ->
                        b.visit(executorAdvice.on(named("doExecute").and(takesArguments(0)))));
    }
}
