package dev.ctagent.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SdkBridgeTest {
    private final Object ours = new Object();
    private final AtomicInteger asked = new AtomicInteger();

    private final SdkHook hook = new SdkHook() {
        @Override
        public Object hookFor(Class<?> anchor, int sdk) {
            asked.incrementAndGet();
            return ours;
        }

        @Override
        public void completed(SdkModel model, Object request, Object response, Throwable error, String service,
                String operation, String region, Object credentials, String userAgent) {
        }
    };

    @AfterEach
    void uninstall() {
        SdkBridge.install(null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theInterceptorIsAppendedOnceAndAClientsListIsExtendedOnlyOnce() {
        SdkBridge.install(hook);
        List<Object> clientList = List.of("a", "b");

        List<Object> first = (List<Object>) SdkBridge.withV2Interceptor(clientList, Object.class);
        List<?> again = SdkBridge.withV2Interceptor(clientList, Object.class);

        assertThat(first).containsExactly("a", "b", ours);
        assertThat(again).isSameAs(first);
        assertThat(asked).hasValue(1);
        assertThat(SdkBridge.withV2Interceptor(first, Object.class)).as("already holds it").isSameAs(first);
        List<Object> otherClient = new ArrayList<>(List.of("c"));
        assertThat((List<Object>) SdkBridge.withV2Interceptor(otherClient, Object.class)).containsExactly("c", ours);
        otherClient.add("d"); // a list changed after it was seen is extended anew
        assertThat((List<Object>) SdkBridge.withV2Interceptor(otherClient, Object.class)).containsExactly("c", "d", ours);
    }

    @Test
    void withoutTheAgentNothingChanges() {
        List<Object> clientList = List.of("a");
        assertThat(SdkBridge.withV2Interceptor(clientList, Object.class)).isSameAs(clientList);
    }
}
