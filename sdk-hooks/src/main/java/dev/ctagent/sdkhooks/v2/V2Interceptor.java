package dev.ctagent.sdkhooks.v2;

import dev.ctagent.bridge.SdkBridge;
import software.amazon.awssdk.auth.signer.AwsSignerExecutionAttribute;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;

/**
 * Added to every SDK v2 interceptor chain. It acts only when a call has completed
 * ({@code afterExecution} / {@code onExecutionFailure}, which presigning never reaches) and hands the
 * call's parts to the agent by reference: SDK v2 requests and responses are immutable, so nothing is
 * copied or formatted on the application's thread.
 */
@SuppressWarnings("deprecation") // the signer attributes are deprecated, still set, and exist in every 2.x
public final class V2Interceptor implements ExecutionInterceptor {
    private final V2Model model = new V2Model();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        completed(context.request(), context, null, attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        completed(context.request(), context, context.exception(), attributes);
    }

    /**
     * The context itself is handed over as the call's response: it is immutable and holds the response and
     * the HTTP request and response, from which the writer takes the request id and the user agent.
     */
    private void completed(SdkRequest request, Object context, Throwable error, ExecutionAttributes attributes) {
        try {
            if (attributes.getAttribute(AwsSignerExecutionAttribute.PRESIGNER_EXPIRATION) != null) {
                return;
            }
            String service = attributes.getAttribute(AwsSignerExecutionAttribute.SERVICE_SIGNING_NAME);
            if (service == null) {
                String name = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
                service = name == null ? null : name.toLowerCase(java.util.Locale.ROOT);
            }
            Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
            SdkBridge.completed(model, request, context, error, service,
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    region == null ? null : region.id(),
                    attributes.getAttribute(AwsSignerExecutionAttribute.AWS_CREDENTIALS), null);
        } catch (Throwable ignored) {
            // never into the application's call
        }
    }

    /** One interceptor per SDK copy, so a chain that already holds it is recognised by equality. */
    @Override
    public String toString() {
        return "ct-agent";
    }
}
