package dev.ctagent.delivery.record;

import dev.ctagent.runtime.capture.ServedCall;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * eventName of a served call: the Spring MVC handler method's name in PascalCase ({@code getOwner} →
 * {@code GetOwner}), as CloudTrail names operations; else {@code <METHOD> <route>} with the route
 * template when the framework matched one, else the raw request URI. Capped at 1 KB.
 *
 * <p>The handler is a Spring {@code HandlerMethod}, which the agent cannot link against, so its
 * {@code getMethod()} is found reflectively, once per handler class. Anything unexpected falls back
 * to the route form. A missing method reads {@code UNKNOWN}, a missing URI {@code /}.
 */
final class EventNames {
    private static final ClassValue<Optional<Method>> METHOD_ACCESSORS = new ClassValue<Optional<Method>>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            try {
                Method m = type.getMethod("getMethod");
                return m.getReturnType() == Method.class ? Optional.of(m) : Optional.empty();
            } catch (NoSuchMethodException | SecurityException e) {
                return Optional.empty();
            }
        }
    };
    /** Bounded against churn. */
    private static final int MAX_CACHED = 4096;

    /** Keyed by method name (not Method) so no application class loader is kept alive. */
    private final Map<String, String> pascalNames = new HashMap<>();

    String of(ServedCall call) {
        if (call.handler != null) {
            String name = handlerName(call.handler);
            if (name != null) {
                return name;
            }
        }
        String method = call.method == null ? "UNKNOWN" : call.method;
        String route = call.routePattern != null ? String.valueOf(call.routePattern)
                : call.requestUri != null ? call.requestUri : "/";
        return JsonText.capped(method + ' ' + route, JsonText.ONE_KB);
    }

    private String handlerName(Object handler) {
        Optional<Method> accessor = METHOD_ACCESSORS.get(handler.getClass());
        if (!accessor.isPresent()) {
            return null;
        }
        Object target;
        try {
            target = accessor.get().invoke(handler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
        if (!(target instanceof Method)) {
            return null;
        }
        String javaName = ((Method) target).getName();
        String name = pascalNames.get(javaName);
        if (name == null) {
            if (pascalNames.size() >= MAX_CACHED) {
                pascalNames.clear();
            }
            name = JsonText.capped(pascalCase(javaName), JsonText.ONE_KB);
            pascalNames.put(javaName, name);
        }
        return name;
    }

    static String pascalCase(String javaName) {
        if (javaName.isEmpty() || Character.isUpperCase(javaName.charAt(0))) {
            return javaName;
        }
        return Character.toUpperCase(javaName.charAt(0)) + javaName.substring(1);
    }
}
