package dev.ctagent.delivery.record;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;

/**
 * The requestParameters object of one served call, collected from the query string, the form
 * parameters and a JSON body (in that order) and written as one object. Reused for every record.
 *
 * <ul>
 *   <li>Names keep the order they first appear in. A name seen once has its value; a name seen more
 *       than once has an array of its values in order (query and form values are strings; body
 *       values keep their JSON type).</li>
 *   <li>A name that {@link Redaction} hides has each value replaced by
 *       {@code "HIDDEN_DUE_TO_SECURITY_REASONS"}.</li>
 *   <li>At most {@value #MAX_NAMES} distinct names and {@value #MAX_VALUES} values are kept; the
 *       occurrences left out are counted in a trailing {@code "ctTruncatedParameters": N} member
 *       (absent when nothing was left out, or when the request itself used that name).</li>
 * </ul>
 */
final class RequestParameters implements CappedObjectWriter.Members {
    static final int MAX_NAMES = 1000;
    static final int MAX_VALUES = 10_000;
    static final String TRUNCATED_COUNT = "ctTruncatedParameters";
    /** Up to this many names a linear scan beats hashing. */
    private static final int SCAN_LIMIT = 8;

    private final Redaction redaction;

    private String[] names = new String[16];
    private int[] firstValue = new int[16];
    private int[] lastValue = new int[16];
    private int[] valueCount = new int[16];
    private boolean[] hidden = new boolean[16];
    private int nameCount;

    private Object[] values = new Object[16];
    private int[] nextValue = new int[16]; // next value of the same name, or -1
    private int valuesUsed;

    private HashMap<String, Integer> index = new HashMap<>();
    private int leftOut;

    RequestParameters(Redaction redaction) {
        this.redaction = redaction;
    }

    /** Forgets the previous call's parameters, dropping every reference to its data. */
    void reset() {
        Arrays.fill(names, 0, nameCount, null);
        Arrays.fill(values, 0, valuesUsed, null);
        nameCount = 0;
        valuesUsed = 0;
        leftOut = 0;
        if (!index.isEmpty()) {
            // clear() walks the whole table; after a huge record a fresh map is cheaper.
            if (index.size() > 256) {
                index = new HashMap<>();
            } else {
                index.clear();
            }
        }
    }

    boolean isEmpty() {
        return nameCount == 0 && leftOut == 0;
    }

    /** Adds one occurrence. {@code value} is a String or a {@link JsonValues} value. */
    void add(String rawName, Object value) {
        String name = JsonText.clean(rawName);
        int slot = find(name);
        if ((slot < 0 && nameCount == MAX_NAMES) || valuesUsed == MAX_VALUES) {
            leftOut++;
            return;
        }
        if (slot < 0) {
            slot = newName(name);
        }
        int v = valuesUsed++;
        growValues();
        if (hidden[slot]) {
            values[v] = Redaction.HIDDEN;
        } else {
            values[v] = value instanceof String ? JsonText.clean((String) value) : value;
        }
        nextValue[v] = -1;
        if (valueCount[slot] == 0) {
            firstValue[slot] = v;
        } else {
            nextValue[lastValue[slot]] = v;
        }
        lastValue[slot] = v;
        valueCount[slot]++;
    }

    @Override
    public void writeMembers(JsonGenerator g) throws IOException {
        for (int s = 0; s < nameCount; s++) {
            g.writeFieldName(names[s]);
            if (valueCount[s] == 1) {
                JsonValues.write(g, values[firstValue[s]]);
            } else {
                g.writeStartArray();
                for (int v = firstValue[s]; v >= 0; v = nextValue[v]) {
                    JsonValues.write(g, values[v]);
                }
                g.writeEndArray();
            }
        }
        if (leftOut > 0 && find(TRUNCATED_COUNT) < 0) {
            g.writeFieldName(TRUNCATED_COUNT);
            g.writeNumber(leftOut);
        }
    }

    private int find(String name) {
        if (nameCount <= SCAN_LIMIT) {
            for (int s = 0; s < nameCount; s++) {
                if (names[s].equals(name)) {
                    return s;
                }
            }
            return -1;
        }
        Integer s = index.get(name);
        return s == null ? -1 : s;
    }

    private int newName(String name) {
        int s = nameCount++;
        if (s == names.length) {
            int n = s * 2;
            names = Arrays.copyOf(names, n);
            firstValue = Arrays.copyOf(firstValue, n);
            lastValue = Arrays.copyOf(lastValue, n);
            valueCount = Arrays.copyOf(valueCount, n);
            hidden = Arrays.copyOf(hidden, n);
        }
        names[s] = name;
        valueCount[s] = 0;
        hidden[s] = redaction.hides(name);
        if (nameCount > SCAN_LIMIT) {
            if (nameCount == SCAN_LIMIT + 1) {
                for (int i = 0; i < s; i++) {
                    index.put(names[i], i);
                }
            }
            index.put(name, s);
        }
        return s;
    }

    private void growValues() {
        if (valuesUsed > values.length) {
            int n = values.length * 2;
            values = Arrays.copyOf(values, n);
            nextValue = Arrays.copyOf(nextValue, n);
        }
    }
}
