package dev.ctagent.benchmarks;

import dev.ctagent.runtime.capture.CapturedCall;
import dev.ctagent.runtime.capture.ServedCall;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;

/**
 * Captured requests with the values a petclinic-like service sees, cycling through eight kinds: anonymous
 * and authenticated GETs (JWT bearer, container principal), a form POST, a SigV4 PUT, a 404 and a DELETE
 * that throws. Ids, query values, client addresses, user agents, users and request ids vary from call to
 * call (a seeded pool, built before timing), so gzip sees realistic, not repeated, records.
 */
final class TypicalCalls {
    private static final String HOST = "petclinic.example.com:8080";
    private static final String[] USER_AGENTS = {
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "aws-sdk-java/2.31.2 Linux/6.1.0 OpenJDK_64-Bit_Server_VM/17.0.15+6 Java/17.0.15 vendor/Eclipse_Adoptium",
        "Boto3/1.35.76 md/Botocore#1.35.76 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.12.7",
        "curl/8.5.0",
        "okhttp/4.12.0",
        "PostmanRuntime/7.43.0",
        "Apache-HttpClient/5.4.1 (Java/21.0.5)",
    };
    private static final String[] LAST_NAMES = {"Davis", "Franklin", "Black", "Escobito", "Schroeder", "Rodriquez",
        "McTavish", "Coleman", "Estaban", "Leary", "Douglas", "Stevens", "Ortega", "Jenkins", "Carter", "Douglas"};
    private static final String[] PET_NAMES = {"Leo", "Basil", "Rosy", "Jewel", "Iggy", "George", "Samantha", "Max",
        "Lucky", "Mulligan", "Freddy", "Sly"};
    private static final String[] PET_TYPES = {"cat", "dog", "lizard", "snake", "bird", "hamster"};
    private static final String[] SPECIALTIES = {"radiology", "surgery", "dentistry"};
    private static final String[] USERS = {"jdoe", "asmith", "mgarcia", "wchen", "lmartin", "kpatel", "obrien", "nkowalski"};

    private TypicalCalls() {}

    /** {@code size} filled calls (kind SERVED), the same for the same seed. */
    static CapturedCall[] pool(int size, long seed) {
        Random r = new Random(seed);
        String[] jwts = new String[32];
        for (int i = 0; i < jwts.length; i++) {
            jwts[i] = "Bearer " + jwt(r, "user-" + (1000 + r.nextInt(9000)));
        }
        String[] accessKeys = {"AKIAIOSFODNN7EXAMPLE", "AKIAI44QH8DHBEXAMPLE", "ASIAJEXAMPLEXEG2JICEA"};
        CapturedCall[] calls = new CapturedCall[size];
        for (int i = 0; i < size; i++) {
            String ua = USER_AGENTS[r.nextInt(USER_AGENTS.length)];
            String client = "203.0." + r.nextInt(256) + "." + (1 + r.nextInt(254));
            int owner = 1 + r.nextInt(5000);
            CapturedCall c;
            switch (i & 7) {
                case 0:
                    c = call("GET", "/owners/" + owner, "a=" + r.nextInt(10), ua, null, null, 200, client);
                    break;
                case 1:
                    c = call("GET", "/owners", "lastName=" + LAST_NAMES[r.nextInt(LAST_NAMES.length)] + "&page="
                            + (1 + r.nextInt(20)), ua, jwts[r.nextInt(jwts.length)], null, 200, client);
                    c.served.requestIdHeader = new UUID(r.nextLong(), r.nextLong()).toString();
                    break;
                case 2:
                    c = call("GET", "/owners/" + owner + "/pets", null, ua, jwts[r.nextInt(jwts.length)], null, 200,
                            client);
                    break;
                case 3:
                    c = call("GET", "/vets.json", "specialty=" + SPECIALTIES[r.nextInt(SPECIALTIES.length)] + "&_="
                            + (1767225600000L + r.nextInt(1_000_000)), ua, null, USERS[r.nextInt(USERS.length)], 200,
                            client);
                    break;
                case 4:
                    c = call("POST", "/owners/" + owner + "/pets/new", null, ua, null, USERS[r.nextInt(USERS.length)],
                            302, client);
                    c.served.contentType = "application/x-www-form-urlencoded";
                    c.served.formParameters = new String[] {"name", PET_NAMES[r.nextInt(PET_NAMES.length)],
                        "birthDate", String.format("20%02d-%02d-%02d", 10 + r.nextInt(15), 1 + r.nextInt(12),
                                1 + r.nextInt(28)),
                        "type", PET_TYPES[r.nextInt(PET_TYPES.length)]};
                    break;
                case 5:
                    c = call("PUT", "/api/owners/" + owner, null, ua, sigV4(r, accessKeys), null, 204, client);
                    c.served.contentType = "application/json";
                    break;
                case 6:
                    c = call("GET", "/owners/" + (10_000 + r.nextInt(90_000)), null, ua, null, null, 404, client);
                    break;
                default:
                    int pet = 1 + r.nextInt(20_000);
                    c = call("DELETE", "/api/pets/" + pet, null, ua, sigV4(r, accessKeys), null, 200, client);
                    c.served.thrown = new IllegalStateException("Pet " + pet + " has visits and cannot be deleted");
                    break;
            }
            calls[i] = c;
        }
        return calls;
    }

    /** Copies every field a capture sets, as the servlet capture does into a ring slot. */
    static void copy(CapturedCall from, CapturedCall to, long eventTimeMillis) {
        ServedCall f = from.served;
        ServedCall t = to.served;
        t.method = f.method;
        t.requestUri = f.requestUri;
        t.queryString = f.queryString;
        t.host = f.host;
        t.userAgent = f.userAgent;
        t.authorization = f.authorization;
        t.forwardedFor = f.forwardedFor;
        t.remoteAddr = f.remoteAddr;
        t.requestIdHeader = f.requestIdHeader;
        t.principalName = f.principalName;
        t.contentType = f.contentType;
        t.secure = f.secure;
        t.tlsProtocol = f.tlsProtocol;
        t.tlsCipherSuite = f.tlsCipherSuite;
        t.status = f.status;
        t.thrown = f.thrown;
        t.handler = f.handler;
        t.routePattern = f.routePattern;
        t.formParameters = f.formParameters;
        t.body = f.body;
        t.bodyLength = f.bodyLength;
        t.bodyTruncated = f.bodyTruncated;
        to.eventTimeMillis = eventTimeMillis;
        to.kind = CapturedCall.SERVED;
    }

    private static CapturedCall call(String method, String uri, String query, String userAgent, String authorization,
            String principal, int status, String remoteAddr) {
        CapturedCall c = new CapturedCall();
        c.kind = CapturedCall.SERVED;
        c.eventTimeMillis = System.currentTimeMillis();
        ServedCall s = c.served;
        s.method = method;
        s.requestUri = uri;
        s.queryString = query;
        s.host = HOST;
        s.userAgent = userAgent;
        s.authorization = authorization;
        s.remoteAddr = remoteAddr;
        s.principalName = principal;
        s.status = status;
        return c;
    }

    private static String jwt(Random r, String subject) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8));
        long iat = 1767225600L + r.nextInt(86_400);
        String payload = b64.encodeToString(("{\"iss\":\"https://auth.example.com/\",\"sub\":\"" + subject + "\","
                + "\"aud\":\"petclinic\",\"iat\":" + iat + ",\"exp\":" + (iat + 3600)
                + ",\"scope\":\"owners:read owners:write\"}").getBytes(StandardCharsets.UTF_8));
        byte[] signature = new byte[256]; // RS256
        r.nextBytes(signature);
        return header + "." + payload + "." + b64.encodeToString(signature);
    }

    private static String sigV4(Random r, String[] accessKeys) {
        StringBuilder sig = new StringBuilder(64);
        for (int i = 0; i < 64; i++) {
            sig.append(Character.forDigit(r.nextInt(16), 16));
        }
        return "AWS4-HMAC-SHA256 Credential=" + accessKeys[r.nextInt(accessKeys.length)]
                + "/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature="
                + sig;
    }
}
