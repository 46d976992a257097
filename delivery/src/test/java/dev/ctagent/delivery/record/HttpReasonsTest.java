package dev.ctagent.delivery.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpReasonsTest {
    @Test
    void registeredStatusesUseTheirReasonPhrase() {
        int[] statuses = {400, 401, 403, 404, 405, 409, 415, 429, 500, 502, 503, 504};
        String[] codes = {"BadRequest", "Unauthorized", "Forbidden", "NotFound", "MethodNotAllowed", "Conflict",
            "UnsupportedMediaType", "TooManyRequests", "InternalServerError", "BadGateway", "ServiceUnavailable",
            "GatewayTimeout"};
        for (int i = 0; i < statuses.length; i++) {
            assertThat(HttpReasons.errorCode(statuses[i])).isEqualTo(codes[i]);
        }
        assertThat(HttpReasons.errorMessage(405)).isEqualTo("Method Not Allowed");
        assertThat(HttpReasons.errorMessage(500)).isEqualTo("Internal Server Error");
    }

    @Test
    void unregisteredStatusesAreNamedByNumber() {
        assertThat(HttpReasons.errorCode(460)).isEqualTo("Http460");
        assertThat(HttpReasons.errorMessage(460)).isEqualTo("HTTP 460");
        assertThat(HttpReasons.errorCode(999)).isEqualTo("Http999");
        assertThat(HttpReasons.errorMessage(599)).isEqualTo("HTTP 599");
    }
}
