package dev.ctagent.agent.instrumentation.awssdk;

import dev.ctagent.agent.AgentLog;
import dev.ctagent.bridge.SdkBridge;
import dev.ctagent.bridge.SdkHook;
import dev.ctagent.bridge.SdkModel;
import dev.ctagent.runtime.capture.CaptureRing;
import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.capture.SdkCall;

/**
 * The agent's side of the SDK hooks. It makes one hook per copy of an SDK (the application may carry
 * several, in several class loaders) and copies each completed call's references into a ring slot: no
 * formatting, no allocation, no lock on the application's thread.
 */
public final class SdkCapture implements SdkHook {
    private static final String V2_INTERCEPTOR = "dev.ctagent.sdkhooks.v2.V2Interceptor";
    private static final String V1_HANDLER_FACTORY = "dev.ctagent.sdkhooks.v1.V1HandlerFactory";

    private final CaptureRing ring;
    /** Keyed by an SDK class (the v2 chain, the v1 client base): one value per SDK copy. */
    private final ClassValue<Object> v2Hooks = hooks(V2_INTERCEPTOR);
    private final ClassValue<Object> v1Hooks = hooks(V1_HANDLER_FACTORY);

    public SdkCapture(CaptureRing ring) {
        this.ring = ring;
    }

    @Override
    public Object hookFor(Class<?> anchor, int sdk) {
        if (!ring.accepting()) {
            return null;
        }
        return (sdk == V2 ? v2Hooks : v1Hooks).get(anchor);
    }

    @Override
    public void completed(SdkModel model, Object request, Object response, Throwable error, String service,
            String operation, String region, Object credentials, String userAgent) {
        if (operation == null || service == null) {
            return;
        }
        long seq = ring.claim();
        if (seq < 0) {
            return;
        }
        CapturedCall slot = ring.slot(seq);
        try {
            SdkCall c = slot.sdk;
            c.model = model;
            c.request = request;
            c.response = response;
            c.error = error;
            c.service = service;
            c.operation = operation;
            c.region = region;
            c.credentials = credentials;
            c.userAgent = userAgent;
            slot.eventTimeMillis = System.currentTimeMillis();
            slot.kind = CapturedCall.SDK;
        } finally {
            ring.publish(seq);
        }
    }

    private static ClassValue<Object> hooks(String className) {
        return new ClassValue<>() {
            @Override
            protected Object computeValue(Class<?> anchor) {
                try {
                    ClassLoader agent = SdkCapture.class.getClassLoader();
                    ClassLoader bridge = SdkBridge.class.getClassLoader();
                    ClassLoader loader = new HookClassLoader(anchor.getClassLoader(), agent,
                            bridge != null ? bridge : ClassLoader.getPlatformClassLoader());
                    return loader.loadClass(className).getConstructor().newInstance();
                } catch (Throwable t) {
                    AgentLog.once("sdk-hooks:" + className, "AWS SDK calls through " + anchor.getName()
                            + " are not captured: " + t);
                    return null;
                }
            }
        };
    }
}
