package dev.ctagent.delivery.record;

/**
 * errorCode and errorMessage for an HTTP error status that no exception explains: the reason phrase
 * of RFC 9110 (and the few registered elsewhere) as the message, the same words in PascalCase as the
 * code ({@code 404} gives {@code NotFound} / {@code Not Found}). A status without a registered phrase
 * gives {@code Http<N>} / {@code HTTP <N>}.
 */
final class HttpReasons {
    private static final int FIRST = 400;
    private static final int LAST = 599;
    private static final String[] CODES = new String[LAST - FIRST + 1];
    private static final String[] PHRASES = new String[LAST - FIRST + 1];

    static {
        String[][] known = {
            {"400", "BadRequest", "Bad Request"},
            {"401", "Unauthorized", "Unauthorized"},
            {"402", "PaymentRequired", "Payment Required"},
            {"403", "Forbidden", "Forbidden"},
            {"404", "NotFound", "Not Found"},
            {"405", "MethodNotAllowed", "Method Not Allowed"},
            {"406", "NotAcceptable", "Not Acceptable"},
            {"407", "ProxyAuthenticationRequired", "Proxy Authentication Required"},
            {"408", "RequestTimeout", "Request Timeout"},
            {"409", "Conflict", "Conflict"},
            {"410", "Gone", "Gone"},
            {"411", "LengthRequired", "Length Required"},
            {"412", "PreconditionFailed", "Precondition Failed"},
            {"413", "ContentTooLarge", "Content Too Large"},
            {"414", "UriTooLong", "URI Too Long"},
            {"415", "UnsupportedMediaType", "Unsupported Media Type"},
            {"416", "RangeNotSatisfiable", "Range Not Satisfiable"},
            {"417", "ExpectationFailed", "Expectation Failed"},
            {"421", "MisdirectedRequest", "Misdirected Request"},
            {"422", "UnprocessableContent", "Unprocessable Content"},
            {"423", "Locked", "Locked"},
            {"424", "FailedDependency", "Failed Dependency"},
            {"425", "TooEarly", "Too Early"},
            {"426", "UpgradeRequired", "Upgrade Required"},
            {"428", "PreconditionRequired", "Precondition Required"},
            {"429", "TooManyRequests", "Too Many Requests"},
            {"431", "RequestHeaderFieldsTooLarge", "Request Header Fields Too Large"},
            {"451", "UnavailableForLegalReasons", "Unavailable For Legal Reasons"},
            {"500", "InternalServerError", "Internal Server Error"},
            {"501", "NotImplemented", "Not Implemented"},
            {"502", "BadGateway", "Bad Gateway"},
            {"503", "ServiceUnavailable", "Service Unavailable"},
            {"504", "GatewayTimeout", "Gateway Timeout"},
            {"505", "HttpVersionNotSupported", "HTTP Version Not Supported"},
            {"506", "VariantAlsoNegotiates", "Variant Also Negotiates"},
            {"507", "InsufficientStorage", "Insufficient Storage"},
            {"508", "LoopDetected", "Loop Detected"},
            {"510", "NotExtended", "Not Extended"},
            {"511", "NetworkAuthenticationRequired", "Network Authentication Required"},
        };
        for (String[] k : known) {
            int i = Integer.parseInt(k[0]) - FIRST;
            CODES[i] = k[1];
            PHRASES[i] = k[2];
        }
        for (int i = 0; i < CODES.length; i++) {
            if (CODES[i] == null) {
                CODES[i] = "Http" + (FIRST + i);
                PHRASES[i] = "HTTP " + (FIRST + i);
            }
        }
    }

    private HttpReasons() {
    }

    static String errorCode(int status) {
        return inTable(status) ? CODES[status - FIRST] : "Http" + status;
    }

    static String errorMessage(int status) {
        return inTable(status) ? PHRASES[status - FIRST] : "HTTP " + status;
    }

    private static boolean inTable(int status) {
        return status >= FIRST && status <= LAST;
    }
}
