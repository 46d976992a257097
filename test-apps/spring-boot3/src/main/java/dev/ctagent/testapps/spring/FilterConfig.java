package dev.ctagent.testapps.spring;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link AuditHeaderFilter} explicitly for every path, async dispatches included. */
@Configuration
class FilterConfig {
    @Bean
    FilterRegistrationBean<AuditHeaderFilter> auditHeaderFilter() {
        FilterRegistrationBean<AuditHeaderFilter> registration = new FilterRegistrationBean<>(new AuditHeaderFilter());
        registration.addUrlPatterns("/*");
        registration.setAsyncSupported(true);
        return registration;
    }
}
