package dev.ctagent.agent.instrumentation.servlet;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;

/**
 * The servlet methods capture calls, as method handles bound to one servlet API ({@code javax.servlet}
 * or {@code jakarta.servlet}) as a request's class loader sees it. The agent is compiled against
 * neither: this is what lets one capture serve Servlet 3.0+ and Jakarta 5.0+ alike.
 */
final class ServletApi {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.publicLookup();

    final String namespace; // "javax.servlet" or "jakarta.servlet"
    final Object requestDispatcherType;
    final Object forwardDispatcherType;
    final MethodHandle getDispatcherType;
    final MethodHandle getMethod;
    final MethodHandle getRequestUri;
    final MethodHandle getQueryString;
    final MethodHandle getHeader;
    final MethodHandle getRemoteAddr;
    final MethodHandle getUserPrincipal;
    final MethodHandle getContentType;
    final MethodHandle isSecure;
    final MethodHandle getAttribute;
    final MethodHandle setAttribute;
    final MethodHandle isAsyncStarted;
    final MethodHandle getAsyncContext;
    final MethodHandle getParameterMap;
    final MethodHandle getStatus;
    final MethodHandle addAsyncListener;
    final MethodHandle getSuppliedResponse;
    final MethodHandle getEventThrowable;
    final MethodHandle getEventAsyncContext;
    final Class<?> asyncListener;

    private ServletApi(String ns, ClassLoader loader) throws ReflectiveOperationException {
        namespace = ns;
        Class<?> req = Class.forName(ns + ".http.HttpServletRequest", false, loader);
        Class<?> resp = Class.forName(ns + ".http.HttpServletResponse", false, loader);
        Class<?> dispatcherType = Class.forName(ns + ".DispatcherType", false, loader);
        Class<?> asyncContext = Class.forName(ns + ".AsyncContext", false, loader);
        Class<?> asyncEvent = Class.forName(ns + ".AsyncEvent", false, loader);
        asyncListener = Class.forName(ns + ".AsyncListener", false, loader);
        requestDispatcherType = dispatcherType.getField("REQUEST").get(null);
        forwardDispatcherType = dispatcherType.getField("FORWARD").get(null);
        getDispatcherType = handle(req, "getDispatcherType", Object.class);
        getMethod = handle(req, "getMethod", String.class);
        getRequestUri = handle(req, "getRequestURI", String.class);
        getQueryString = handle(req, "getQueryString", String.class);
        getHeader = handle(req, "getHeader", String.class, String.class);
        getRemoteAddr = handle(req, "getRemoteAddr", String.class);
        getUserPrincipal = handle(req, "getUserPrincipal", java.security.Principal.class);
        getContentType = handle(req, "getContentType", String.class);
        isSecure = handle(req, "isSecure", boolean.class);
        getAttribute = handle(req, "getAttribute", Object.class, String.class);
        setAttribute = LOOKUP.findVirtual(req, "setAttribute", MethodType.methodType(void.class, String.class,
                Object.class)).asType(MethodType.methodType(void.class, Object.class, String.class, Object.class));
        isAsyncStarted = handle(req, "isAsyncStarted", boolean.class);
        getAsyncContext = handle(req, "getAsyncContext", Object.class);
        getParameterMap = handle(req, "getParameterMap", Map.class);
        getStatus = handle(resp, "getStatus", int.class);
        addAsyncListener = LOOKUP.findVirtual(asyncContext, "addListener",
                MethodType.methodType(void.class, asyncListener))
                .asType(MethodType.methodType(void.class, Object.class, Object.class));
        getSuppliedResponse = handle(asyncEvent, "getSuppliedResponse", Object.class);
        getEventThrowable = handle(asyncEvent, "getThrowable", Throwable.class);
        getEventAsyncContext = handle(asyncEvent, "getAsyncContext", Object.class);
    }

    /** The API {@code requestClass} implements, or null when it is not an HTTP servlet request. */
    static ServletApi of(Class<?> requestClass) {
        for (String ns : new String[] {"jakarta.servlet", "javax.servlet"}) {
            try {
                ClassLoader loader = requestClass.getClassLoader();
                Class<?> req = Class.forName(ns + ".http.HttpServletRequest", false, loader);
                if (req.isAssignableFrom(requestClass)) {
                    return new ServletApi(ns, req.getClassLoader());
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // not this API (or not Servlet 3.0+): try the next one
            }
        }
        return null;
    }

    /** A virtual method of {@code owner} adapted to take and return erased types. */
    private static MethodHandle handle(Class<?> owner, String name, Class<?> erasedReturn, Class<?>... params)
            throws ReflectiveOperationException {
        java.lang.reflect.Method m = owner.getMethod(name, params);
        MethodHandle h = LOOKUP.unreflect(m);
        Class<?>[] erasedParams = new Class<?>[params.length + 1];
        erasedParams[0] = Object.class;
        System.arraycopy(params, 0, erasedParams, 1, params.length);
        return h.asType(MethodType.methodType(erasedReturn, erasedParams));
    }

}
