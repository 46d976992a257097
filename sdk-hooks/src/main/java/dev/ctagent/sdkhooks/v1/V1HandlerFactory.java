package dev.ctagent.sdkhooks.v1;

import com.amazonaws.AmazonWebServiceClient;
import java.util.function.Function;

/** Makes the request handler for one SDK v1 client; one factory (and one {@link V1Model}) per SDK copy. */
public final class V1HandlerFactory implements Function<Object, Object> {
    private final V1Model model = new V1Model();

    @Override
    public Object apply(Object client) {
        return client instanceof AmazonWebServiceClient ? new V1Handler((AmazonWebServiceClient) client, model) : null;
    }
}
