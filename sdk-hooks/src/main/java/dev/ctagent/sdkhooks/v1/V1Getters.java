package dev.ctagent.sdkhooks.v1;

import java.io.Closeable;
import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The members of an SDK v1 model class, as its bean getters ({@code getTableName} is member
 * {@code TableName}), in a stable order. Getters of the SDK's base classes (client options, progress
 * listeners, metadata) are not members, and getters of streams and files are never called.
 */
final class V1Getters {
    private static final ClassValue<Map<String, Method>> BY_CLASS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            return find(type);
        }
    };

    private V1Getters() {}

    /** Member name to getter. */
    static Map<String, Method> of(Class<?> type) {
        return BY_CLASS.get(type);
    }

    /** True for the SDK's model classes (requests, results and what they hold). */
    static boolean isModel(Class<?> type) {
        return type.getName().startsWith("com.amazonaws.services.") && !type.isEnum();
    }

    private static Map<String, Method> find(Class<?> type) {
        List<Method> getters = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (isMemberGetter(m)) {
                getters.add(m);
            }
        }
        getters.sort(Comparator.comparing(Method::getName));
        Map<String, Method> out = new LinkedHashMap<>();
        for (Method m : getters) {
            String name = m.getName().startsWith("is") ? m.getName().substring(2) : m.getName().substring(3);
            if (!name.isEmpty()) {
                m.setAccessible(true); // public methods of a non-public class still need it
                out.putIfAbsent(name, m);
            }
        }
        return out;
    }

    private static boolean isMemberGetter(Method m) {
        if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.isBridge()
                || m.getReturnType() == void.class || !isModel(m.getDeclaringClass())) {
            return false;
        }
        String n = m.getName();
        boolean getter = n.startsWith("get") || (n.startsWith("is")
                && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class));
        Class<?> r = m.getReturnType();
        return getter && !InputStream.class.isAssignableFrom(r) && !File.class.isAssignableFrom(r)
                && !Closeable.class.isAssignableFrom(r) && !AutoCloseable.class.isAssignableFrom(r);
    }
}
