package dev.ctagent.testapps.sdkv1;

import java.nio.file.Path;

/**
 * {@code java -jar aws-sdk-v1-app.jar <endpoint-url> <canary> [<secrets-file>]}: runs {@link Scenario} against
 * an AWS emulator and exits 0. Credentials and region come from the environment ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_REGION}).
 */
public final class SdkV1App {
    private SdkV1App() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java -jar aws-sdk-v1-app.jar <endpoint-url> <canary> [<secrets-file>]");
            System.exit(2);
        }
        Path secretsFile = args.length > 2 ? Path.of(args[2]) : null;
        try (Clients clients = new Clients(args[0])) {
            new Scenario(clients, args[1], secretsFile).run();
        }
        System.out.println("SCENARIO DONE");
        System.exit(0); // the SDK's non-daemon threads must not keep the JVM alive
    }
}
