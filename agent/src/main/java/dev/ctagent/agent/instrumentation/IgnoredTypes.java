package dev.ctagent.agent.instrumentation;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Classes the agent never looks at, decided by name alone so they are never parsed: the JDK, the agent
 * itself, generated classes, and the large library packages that hold no servlet, filter or servlet
 * request of their own (the same idea as OpenTelemetry's ignored-types list). Matching a class against
 * supertypes costs a class-file parse; skipping these is most of what keeps application start-up fast.
 */
final class IgnoredTypes extends ElementMatcher.Junction.AbstractBase<TypeDescription> {
    /**
     * The application's copies of the libraries the agent carries relocated (Byte Buddy, Jackson, Bouncy
     * Castle, slf4j, Reactive Streams; the AWS SDK below): built at run time, because the relocating build
     * rewrites every string constant that starts with one of those packages, which would make this list
     * name the agent's own copies instead.
     */
    private static final String[] RELOCATED_IN_AGENT = {
        pkg("net", "bytebuddy"), pkg("com", "fasterxml", "jackson"), pkg("org", "bouncycastle"), pkg("org", "slf4j"),
        pkg("org", "reactivestreams"),
    };
    private static final String[] PREFIXES = {
        "dev.ctagent.", "java.", "javax.annotation.", "javax.el.", "javax.validation.", "jakarta.annotation.",
        "jakarta.el.", "jakarta.validation.", "jdk.", "sun.", "com.sun.", "kotlin.", "kotlinx.",
        "scala.", "groovy.", "org.groovy.", "org.codehaus.groovy.", "ch.qos.logback.",
        "org.apache.logging.", "org.apache.commons.", "org.apache.juli.", "org.apache.el.",
        "org.apache.tomcat.util.", "org.apache.naming.", "com.google.",
        "org.yaml.", "org.hibernate.", "io.netty.", "io.micrometer.", "reactor.",
        "org.aspectj.", "org.objectweb.asm.", "org.junit.", "org.assertj.",
        "org.mockito.", "org.jboss.logging.", "com.zaxxer.", "org.postgresql.", "com.mysql.", "org.h2.",
        "org.eclipse.jetty.util.", "org.eclipse.jetty.io.", "org.eclipse.jetty.http.",
        "org.springframework.aop.", "org.springframework.asm.", "org.springframework.beans.",
        "org.springframework.cache.", "org.springframework.cglib.", "org.springframework.context.",
        "org.springframework.core.", "org.springframework.dao.", "org.springframework.expression.",
        "org.springframework.format.", "org.springframework.jdbc.", "org.springframework.jmx.",
        "org.springframework.jndi.", "org.springframework.lang.", "org.springframework.objenesis.",
        "org.springframework.orm.", "org.springframework.scheduling.", "org.springframework.stereotype.",
        "org.springframework.transaction.", "org.springframework.util.", "org.springframework.validation.",
        "org.springframework.boot.autoconfigure.", "org.springframework.boot.context.",
        "org.springframework.boot.env.", "org.springframework.boot.logging.", "org.springframework.boot.loader.",
        "org.springframework.boot.origin.", "org.springframework.boot.convert.", "org.springframework.boot.ssl.",
        "org.springframework.boot.info.", "org.springframework.boot.availability.", "org.springframework.boot.jackson.",
        "org.springframework.boot.json.", "org.springframework.boot.sql.", "org.springframework.boot.task.",
        "org.springframework.boot.util.", "org.springframework.boot.system.", "org.springframework.boot.admin.",
        "org.springframework.boot.ansi.", "org.springframework.boot.cloud.", "org.springframework.boot.diagnostics.",
        "org.springframework.boot.builder.", "org.springframework.boot.io.", "org.springframework.boot.validation.",
    };
    private static final String[] GENERATED = {"$$Lambda", "$ByteBuddy$", "$$EnhancerBySpringCGLIB$$",
        "$$SpringCGLIB$$", "$HibernateProxy$"};
    /**
     * The AWS SDKs (thousands of model classes) hold no servlet; only the classes the SDK capture advises
     * are looked at. Names built at run time (see awssdk.SdkNames). AWS's own servlet libraries under the
     * v1 prefix — the serverless servlet container and X-Ray's servlet filter — are looked at.
     */
    private static final String SDK_V2 = String.join(".", "software", "amazon", "awssdk", "");
    private static final String SDK_V1 = String.join(".", "com", "amazonaws", "");
    private static final String[] SERVLETS_UNDER_SDK_V1 = {SDK_V1 + "serverless.", SDK_V1 + "xray."};

    private final Set<String> advisedSdkClasses;

    IgnoredTypes(String... advisedSdkClasses) {
        this.advisedSdkClasses = new HashSet<>(Arrays.asList(advisedSdkClasses));
    }

    @Override
    public boolean matches(TypeDescription type) {
        String name = type.getName();
        if (name.startsWith(SDK_V2) || (name.startsWith(SDK_V1) && !startsWithAny(name, SERVLETS_UNDER_SDK_V1))) {
            return !advisedSdkClasses.contains(name);
        }
        if (startsWithAny(name, PREFIXES) || startsWithAny(name, RELOCATED_IN_AGENT)) {
            return true;
        }
        for (String marker : GENERATED) {
            if (name.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /** {@code pkg("org", "slf4j")} is {@code "org.slf4j."}. */
    private static String pkg(String... segments) {
        return String.join(".", segments) + ".";
    }

    private static boolean startsWithAny(String name, String[] prefixes) {
        for (String p : prefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
