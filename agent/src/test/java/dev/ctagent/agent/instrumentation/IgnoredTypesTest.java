package dev.ctagent.agent.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

class IgnoredTypesTest {
    private final IgnoredTypes ignored = new IgnoredTypes("com.amazonaws.AmazonWebServiceClient");

    private boolean ignores(String name) {
        return ignored.matches(new TypeDescription.Latent(name, 0, TypeDescription.Generic.OBJECT));
    }

    @Test
    void theSdksAreIgnoredButTheClassesTheCaptureAdvisesAndAwsServletLibrariesAreNot() {
        assertThat(ignores("software.amazon.awssdk.services.s3.model.PutObjectRequest")).isTrue();
        assertThat(ignores("com.amazonaws.services.s3.model.PutObjectRequest")).isTrue();
        assertThat(ignores("com.amazonaws.AmazonWebServiceClient")).isFalse();
        assertThat(ignores("com.amazonaws.xray.javax.servlet.AWSXRayServletFilter")).isFalse();
        assertThat(ignores("com.amazonaws.serverless.proxy.internal.servlet.AwsProxyHttpServletRequest")).isFalse();
        assertThat(ignores("com.example.OwnerServlet")).isFalse();
        assertThat(ignores("org.slf4j.Logger")).isTrue();
    }
}
