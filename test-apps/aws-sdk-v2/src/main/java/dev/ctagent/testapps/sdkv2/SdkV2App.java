package dev.ctagent.testapps.sdkv2;

import java.net.URI;
import java.nio.file.Path;

/**
 * {@code java -jar aws-sdk-v2-app.jar <endpoint-url> <canary> [<secrets-file>]}: runs {@link Scenario} against
 * an AWS emulator and exits 0. Credentials and region come from the environment ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_REGION}).
 */
public final class SdkV2App {
    private SdkV2App() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java -jar aws-sdk-v2-app.jar <endpoint-url> <canary> [<secrets-file>]");
            System.exit(2);
        }
        Path secretsFile = args.length > 2 ? Path.of(args[2]) : null;
        try (Clients clients = new Clients(URI.create(args[0]))) {
            new Scenario(clients, args[1], secretsFile).run();
        }
        System.out.println("SCENARIO DONE");
        System.exit(0); // the SDK's non-daemon threads must not keep the JVM alive
    }
}
