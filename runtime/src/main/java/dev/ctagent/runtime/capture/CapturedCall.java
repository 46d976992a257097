package dev.ctagent.runtime.capture;

/**
 * One preallocated ring slot. An application thread claims it, fills it, publishes it; the writer
 * thread turns it into a record and clears it. Fields are plain because the ring's publish/consume
 * sequence barriers already order the writes and reads.
 */
public final class CapturedCall {
    /** Nothing usable: filling failed half-way; the writer skips it. */
    public static final int SKIP = 0;
    /** An HTTP call the application served; see {@link #served}. */
    public static final int SERVED = 1;
    /** A call the application made through an AWS SDK; see {@link #sdk}. */
    public static final int SDK = 2;

    public int kind;
    /** When the call completed, epoch milliseconds (CloudTrail's eventTime). */
    public long eventTimeMillis;
    public final ServedCall served = new ServedCall();
    public final SdkCall sdk = new SdkCall();

    /** Drops every reference so nothing the request held outlives its record. */
    public void clear() {
        kind = SKIP;
        eventTimeMillis = 0;
        served.clear();
        sdk.clear();
    }
}
