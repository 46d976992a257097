package dev.ctagent.bridge;

/**
 * What the servlet advice calls, implemented inside the agent's isolated class loader. Only JDK types
 * cross this line, so it can live in the visible part of ct-agent.jar and be seen by every application
 * class loader.
 */
public interface ServletHook {
    /** The outermost servlet or filter call for {@code request} returned or threw {@code thrown}. */
    void completed(Object request, Object response, Throwable thrown);

    /** {@code request.startAsync(..)} returned {@code asyncContext}. */
    void asyncStarted(Object request, Object asyncContext);
}
