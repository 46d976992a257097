package dev.ctagent.bridge;

/**
 * What the servlet advice calls, implemented inside the agent's isolated class loader. Only JDK types
 * (and the bridge's own) cross this line, so it can live in the visible part of ct-agent.jar and be seen
 * by every application class loader.
 */
public interface ServletHook {
    /**
     * The outermost servlet or filter call for {@code request} returned or threw {@code thrown}.
     * {@code body} holds what the application read of the request body during the call, or is null when
     * bodies are not captured; it is valid only until this method returns (the thread reuses it).
     */
    void completed(Object request, Object response, Throwable thrown, BodyTap body);

    /** {@code request.startAsync(..)} returned {@code asyncContext}. */
    void asyncStarted(Object request, Object asyncContext);

    /** Spring MVC's DispatcherServlet is about to look up the handler for {@code request}. */
    void handlerLookup(Object request);
}
