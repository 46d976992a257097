package dev.ctagent.delivery.record;

import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.capture.DropCounter.DroppedInterval;

/** Turns what the ring delivers into CloudTrail records. Used by the writer thread only. */
public interface CallSerializer {
    /** The record for {@code call}, or null when the slot holds nothing to write ({@code SKIP}). */
    SerializedRecord serialize(CapturedCall call);

    /** The {@code EventsDropped} record stating {@code dropped}, made at {@code nowMillis}. */
    SerializedRecord droppedEvents(DroppedInterval dropped, long nowMillis);
}
