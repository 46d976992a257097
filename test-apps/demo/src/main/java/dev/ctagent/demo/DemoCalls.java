package dev.ctagent.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The handful of calls the demo makes: reads, writes, a failure, a miss, and an authenticated caller. */
final class DemoCalls {
    private static final String FORM = "application/x-www-form-urlencoded";

    static void send(String baseUrl) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        String bearer = "Bearer " + DemoJwt.signed("alice", "https://idp.example.com");

        call(client, get(baseUrl + "/orders/42").build());
        // The password field is there to show the agent redacts it in requestParameters.
        call(client, post(baseUrl + "/orders", "item=book&qty=2&password=hunter2").build());
        call(client, get(baseUrl + "/orders/fail").build());
        call(client, get(baseUrl + "/customers/7").build());
        call(client, get(baseUrl + "/orders/43").header("Authorization", bearer).build());
        call(client, post(baseUrl + "/orders", "item=pen&qty=10").header("Authorization", bearer).build());
    }

    private static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET();
    }

    private static HttpRequest.Builder post(String url, String form) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    private static void call(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        boolean authenticated = request.headers().firstValue("Authorization").isPresent();
        System.out.printf("  %-4s %-22s -> %d%s%n", request.method(), request.uri().getPath(),
                response.statusCode(), authenticated ? "   (as alice, Bearer JWT)" : "");
    }

    private DemoCalls() {
    }
}
