package dev.ctagent.runtime.config;

/** What an application thread does when the capture ring is full. */
public enum WhenFull {
    /** Drop the event and count it; the trail gets an {@code EventsDropped} record. Never waits. */
    DROP,
    /** Wait for room; nothing is lost, the request waits for the writer. */
    BLOCK
}
