package dev.ctagent.delivery.status;

/** Switches capture on and off: what StartLogging/StopLogging do to a trail. */
public interface LoggingControl {
    boolean isLogging();

    void startLogging();

    /** Stops capturing and delivers what was captured so far. */
    void stopLogging();
}
