package dev.ctagent.delivery.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ctagent.runtime.capture.ServedCall;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class EventNamesTest {
    private final EventNames names = new EventNames();

    /** Shaped like Spring's HandlerMethod as far as the agent cares. */
    public static class HandlerMethod {
        private final Method method;

        HandlerMethod(Method method) {
            this.method = method;
        }

        public Method getMethod() {
            return method;
        }
    }

    public static class BrokenHandlerMethod {
        public Method getMethod() {
            throw new IllegalStateException("no");
        }
    }

    public static class WrongTypeHandler {
        public String getMethod() {
            return "GET";
        }
    }

    static class OwnerController {
        void getOwner() {
        }

        void processCreationForm() {
        }

        void URLs() {
        }
    }

    private static ServedCall call(Object handler) {
        ServedCall c = new ServedCall();
        c.method = "GET";
        c.requestUri = "/owners/7";
        c.routePattern = "/owners/{ownerId}";
        c.handler = handler;
        return c;
    }

    @Test
    void handlerMethodNameInPascalCase() throws Exception {
        Method getOwner = OwnerController.class.getDeclaredMethod("getOwner");
        assertThat(names.of(call(new HandlerMethod(getOwner)))).isEqualTo("GetOwner");
        assertThat(names.of(call(new HandlerMethod(getOwner)))).isEqualTo("GetOwner");
        assertThat(names.of(call(new HandlerMethod(OwnerController.class.getDeclaredMethod("processCreationForm")))))
                .isEqualTo("ProcessCreationForm");
        assertThat(names.of(call(new HandlerMethod(OwnerController.class.getDeclaredMethod("URLs"))))).isEqualTo("URLs");
    }

    @Test
    void anythingElseFallsBackToMethodAndRoute() {
        assertThat(names.of(call(new BrokenHandlerMethod()))).isEqualTo("GET /owners/{ownerId}");
        assertThat(names.of(call(new WrongTypeHandler()))).isEqualTo("GET /owners/{ownerId}");
        assertThat(names.of(call(new HandlerMethod(null)))).isEqualTo("GET /owners/{ownerId}");
        assertThat(names.of(call("a string handler"))).isEqualTo("GET /owners/{ownerId}");
        ServedCall noRoute = call(null);
        noRoute.routePattern = null;
        assertThat(names.of(noRoute)).isEqualTo("GET /owners/7");
    }

    @Test
    void cappedAtOneKilobyte() {
        ServedCall c = call(null);
        c.routePattern = "/" + "x".repeat(5000);
        assertThat(names.of(c)).hasSize(1024);
    }
}
