package dev.ctagent.agent.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.ctagent.agent.instrumentation.ClassLoaderHasResource;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Which classes and methods the servlet capture advises: every concrete Servlet and Filter (javax 3.0+
 * and jakarta 5.0+) for the request itself, every concrete ServletRequest for {@code startAsync}, and
 * Spring MVC's {@code DispatcherServlet.getHandler} so a forwarded request keeps its own handler's name. Only
 * class loaders that can see a servlet API are looked at.
 */
public final class ServletInstrumentation {
    private static final String[] REQUEST = {"javax.servlet.ServletRequest", "jakarta.servlet.ServletRequest"};
    private static final String[] RESPONSE = {"javax.servlet.ServletResponse", "jakarta.servlet.ServletResponse"};
    private static final String[] CHAIN = {"javax.servlet.FilterChain", "jakarta.servlet.FilterChain"};

    private ServletInstrumentation() {}

    public static AgentBuilder apply(AgentBuilder builder) {
        ClassFileLocator adviceLocator = ClassFileLocator.ForClassLoader.of(ServletInstrumentation.class.getClassLoader());
        Advice serviceAdvice = Advice.to(ServletAdvice.class, adviceLocator);
        Advice asyncAdvice = Advice.to(AsyncStartAdvice.class, adviceLocator);
        Advice springAdvice = Advice.to(SpringHandlerLookupAdvice.class, adviceLocator);
        ElementMatcher.Junction<ClassLoader> seesServletApi = new ClassLoaderHasResource(
                "javax/servlet/Servlet.class", "jakarta/servlet/Servlet.class");

        ElementMatcher.Junction<MethodDescription> service = named("service").and(takesArguments(2))
                .and(takesArgument(0, namedOneOf(REQUEST))).and(takesArgument(1, namedOneOf(RESPONSE)));
        ElementMatcher.Junction<MethodDescription> doFilter = named("doFilter").and(takesArguments(3))
                .and(takesArgument(0, namedOneOf(REQUEST))).and(takesArgument(1, namedOneOf(RESPONSE)))
                .and(takesArgument(2, namedOneOf(CHAIN)));
        // Spring MVC's DispatcherServlet is a servlet too: its handler lookup rides on the same transformation.
        ElementMatcher.Junction<MethodDescription> springHandlerLookup = named("getHandler").and(takesArguments(1))
                .and(isDeclaredBy(named("org.springframework.web.servlet.DispatcherServlet")));
        ElementMatcher.Junction<TypeDescription> servletOrFilter = not(isInterface()).and(hasSuperType(namedOneOf(
                "javax.servlet.Servlet", "javax.servlet.Filter", "jakarta.servlet.Servlet", "jakarta.servlet.Filter")));
        ElementMatcher.Junction<TypeDescription> servletRequest = not(isInterface())
                .and(hasSuperType(namedOneOf(REQUEST)));

        return builder
                .type(servletOrFilter, seesServletApi)
                .transform((b, type, loader, module, domain) ->
                        b.visit(serviceAdvice.on(not(isAbstract()).and(service.or(doFilter))))
                                .visit(springAdvice.on(springHandlerLookup)))
                .type(servletRequest, seesServletApi)
                .transform((b, type, loader, module, domain) ->
                        b.visit(asyncAdvice.on(not(isAbstract()).and(named("startAsync")))));
    }
}
