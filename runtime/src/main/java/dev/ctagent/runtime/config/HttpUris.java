package dev.ctagent.runtime.config;

import java.net.URI;
import java.net.URISyntaxException;

/** Endpoint and webhook values: absolute http(s) URIs with a host. */
final class HttpUris {
    private HttpUris() {}

    static URI parse(String key, String value) throws ConfigException {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException(key, value, "expected an http:// or https:// URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new ConfigException(key, value, "expected an http:// or https:// URL with a host");
        }
        return uri;
    }
}
