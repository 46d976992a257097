package dev.ctagent.delivery.record;

/**
 * eventSource of a served call: the configured service name, else the Host the client asked for
 * without its port ({@code api.example.com:8443} → {@code api.example.com}, {@code [::1]:8080} →
 * {@code ::1}), else {@code unknown}. Capped at 1 KB. Remembers the last Host because a service
 * nearly always sees the same one.
 */
final class EventSources {
    static final String UNKNOWN = "unknown";

    private final String serviceName;
    private String lastHost;
    private String lastSource;

    EventSources(String configuredServiceName) {
        serviceName = configuredServiceName == null || configuredServiceName.isEmpty() ? null
                : JsonText.capped(configuredServiceName, JsonText.ONE_KB);
    }

    String of(String host) {
        if (serviceName != null) {
            return serviceName;
        }
        if (host == null) {
            return UNKNOWN;
        }
        if (!host.equals(lastHost)) {
            lastSource = JsonText.capped(withoutPort(host.trim()), JsonText.ONE_KB);
            lastHost = host;
        }
        return lastSource;
    }

    static String withoutPort(String host) {
        String name = host;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            name = close > 0 ? host.substring(1, close) : host;
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0 && colon == host.lastIndexOf(':')) {
                name = host.substring(0, colon);
            }
        }
        return name.isEmpty() ? UNKNOWN : name;
    }
}
