package dev.ctagent.sdkhooks;

import dev.ctagent.bridge.ModelWriter;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A {@link ModelWriter} that writes a compact, readable text of what a model object gave it:
 * {@code {Bucket="b",Tags=[{Key="k"}],Secret=<hidden>,Body=<42 bytes>}}; map keys are quoted.
 */
public final class TextWriter implements ModelWriter {
    private final StringBuilder out = new StringBuilder();
    private boolean first = true;

    public static String of(dev.ctagent.bridge.SdkModel model, Object pojo) {
        TextWriter w = new TextWriter();
        model.write(pojo, w);
        return w.out.toString();
    }

    private void separate() {
        if (!first) {
            out.append(',');
        }
        first = false;
    }

    private void value(String text) {
        out.append(text);
        first = false;
    }

    @Override
    public void startObject() {
        beforeValue();
        out.append('{');
        first = true;
    }

    @Override
    public void endObject() {
        out.append('}');
        first = false;
    }

    @Override
    public void startArray() {
        beforeValue();
        out.append('[');
        first = true;
    }

    @Override
    public void endArray() {
        out.append(']');
        first = false;
    }

    @Override
    public boolean member(String sdkMemberName) {
        separate();
        out.append(sdkMemberName).append('=');
        first = true;
        return true;
    }

    @Override
    public boolean key(String mapKey) {
        separate();
        out.append('"').append(mapKey).append("\"=");
        first = true;
        return true;
    }

    /** A comma between the elements of an array. */
    private void beforeValue() {
        if (!first && out.length() > 0 && out.charAt(out.length() - 1) != '=') {
            out.append(',');
        }
    }

    private void element(String text) {
        beforeValue();
        value(text);
    }

    @Override
    public void hidden() {
        element("<hidden>");
    }

    @Override
    public void byteLength(long length) {
        element("<" + length + " bytes>");
    }

    @Override
    public void string(String value) {
        element("\"" + value + "\"");
    }

    @Override
    public void number(long value) {
        element(Long.toString(value));
    }

    @Override
    public void number(double value) {
        element(Double.toString(value));
    }

    @Override
    public void number(BigDecimal value) {
        element(value.toPlainString());
    }

    @Override
    public void bool(boolean value) {
        element(Boolean.toString(value));
    }

    @Override
    public void timestamp(Instant value) {
        element(value.toString());
    }

    @Override
    public void nullValue() {
        element("null");
    }
}
