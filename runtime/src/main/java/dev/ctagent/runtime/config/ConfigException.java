package dev.ctagent.runtime.config;

/** A configuration value that cannot be used; the message names the key and the value. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String key;

    public ConfigException(String key, String value, String expected) {
        super(key + "=" + quote(value) + " is invalid: " + expected);
        this.key = key;
    }

    public ConfigException(String message) {
        super(message);
        this.key = null;
    }

    /** The offending key, or null when the problem is not one key's (e.g. an unreadable file). */
    public String key() {
        return key;
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > 200 ? value.substring(0, 200) + "..." : value;
        return "'" + shown.replace("\n", "\\n").replace("\r", "\\r") + "'";
    }
}
