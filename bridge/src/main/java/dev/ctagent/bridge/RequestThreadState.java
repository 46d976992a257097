package dev.ctagent.bridge;

/**
 * What the inlined advice keeps per thread: how deep the thread is in servlet and filter calls (only
 * the outermost call of a request reaches the {@link ServletHook}), how deep in
 * {@code ServletInputStream.read} calls (only the outermost read of a wrapping stream is kept), and
 * the request's {@link BodyTap}. One instance per thread, created on its first servlet call and
 * reused; JDK types only.
 */
final class RequestThreadState {
    int servletDepth;
    int readDepth;
    final BodyTap body = new BodyTap();
}
