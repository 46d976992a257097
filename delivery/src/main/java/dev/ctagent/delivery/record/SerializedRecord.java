package dev.ctagent.delivery.record;

/**
 * One record as compact UTF-8 JSON (a whole {@code {...}} object, no separator), in a buffer the
 * serializer reuses: valid until its next call. {@code eventTimeMillis} is the record's eventTime.
 */
public final class SerializedRecord {
    public byte[] bytes;
    public int length;
    public long eventTimeMillis;
}
