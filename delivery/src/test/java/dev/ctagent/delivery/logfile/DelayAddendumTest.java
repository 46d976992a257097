package dev.ctagent.delivery.logfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DelayAddendumTest {
    @Test
    void goesRightAfterEventCategory() throws Exception {
        assertThat(insert("{\"eventID\":\"1\",\"eventCategory\":\"Data\",\"z\":[1,{\"q\":null}]}"))
                .isEqualTo("{\"eventID\":\"1\",\"eventCategory\":\"Data\",\"addendum\":{\"reason\":\"DELIVERY_DELAY\"},"
                        + "\"z\":[1,{\"q\":null}]}");
    }

    @Test
    void goesLastWithoutEventCategory() throws Exception {
        assertThat(insert("{\"eventID\":\"1\",\"readOnly\":false}"))
                .isEqualTo("{\"eventID\":\"1\",\"readOnly\":false,\"addendum\":{\"reason\":\"DELIVERY_DELAY\"}}");
    }

    @Test
    void copiesNumbersAndNestedValuesExactly() throws Exception {
        String in = "{\"eventCategory\":\"Management\",\"f\":1.10,\"e\":1E+5,\"big\":123456789012345678901234567890,"
                + "\"neg\":-0.5,\"t\":true,\"n\":null,\"o\":{\"a\":[[],{}]}}";
        assertThat(insert(in)).isEqualTo("{\"eventCategory\":\"Management\",\"addendum\":{\"reason\":\"DELIVERY_DELAY\"},"
                + "\"f\":1.10,\"e\":1E+5,\"big\":123456789012345678901234567890,\"neg\":-0.5,\"t\":true,\"n\":null,"
                + "\"o\":{\"a\":[[],{}]}}");
    }

    private static String insert(String record) throws Exception {
        byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DelayAddendum.insert(bytes, bytes.length, out);
        return out.toString("UTF-8");
    }
}
