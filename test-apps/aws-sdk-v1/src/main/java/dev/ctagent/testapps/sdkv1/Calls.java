package dev.ctagent.testapps.sdkv1;

import com.amazonaws.AmazonServiceException;
import java.util.concurrent.ExecutionException;

/**
 * Runs one SDK call and prints {@code CALL <Service> <Operation> <ok|ErrorCode>}: the line the integration
 * test matches against the agent's records. A failing call never stops the scenario.
 */
final class Calls {
    interface Call {
        void run() throws Exception;
    }

    private Calls() {}

    static void call(String service, String operation, Call call) {
        String outcome;
        try {
            call.run();
            outcome = "ok";
        } catch (Exception e) {
            outcome = outcome(e);
            System.err.println("CALL " + service + " " + operation + " failed: " + e); // for the test's failure report
        }
        System.out.println("CALL " + service + " " + operation + " " + outcome);
    }

    /** The service's error code, or for a client-side failure the exception's simple class name. */
    private static String outcome(Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof AmazonServiceException) {
            return ((AmazonServiceException) cause).getErrorCode();
        }
        return cause.getClass().getSimpleName();
    }
}
