package org.dozvon.access;

import java.util.Arrays;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.method.PrePostTemplateDefaults;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Three doors: the API (API tokens as {@code Authorization: Bearer}, or HTTP Basic for service users; stateless,
 * rate-limited per credential, RFC 7807 errors), Camunda's own REST API (the same, for process-engine users only),
 * and the portal (form login, session, CSRF). Every page and endpoint then checks its own permission with
 * {@link RequiresPermission}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        // BCrypt, stored with its {bcrypt} prefix so that a stronger encoder can take over later
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    static PrePostTemplateDefaults prePostTemplateDefaults() {
        return new PrePostTemplateDefaults();
    }

    @Bean
    ProblemResponses problemResponses(ObjectMapper objectMapper) {
        return new ProblemResponses(objectMapper);
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponses problems, ApiTokens tokens,
                                    RateLimits rateLimits) throws Exception {
        http.securityMatcher(new OrRequestMatcher(paths("/api/**", "/engine-rest/**", "/actuator/**")))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(paths("/actuator/health", "/actuator/health/**", "/actuator/info")).permitAll()
                        .requestMatchers(paths("/engine-rest/**")).hasAuthority(Permission.PROCESS_ENGINE.name())
                        .requestMatchers(paths("/actuator/**")).hasAuthority(Permission.METRICS_READ.name())
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems.unauthorized())
                        .authenticationDetailsSource(SignInDetails.source("api")))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // stateless and cookie-less: there is no session for a forged request to ride on
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problems.unauthorized())
                        .accessDeniedHandler(problems.forbidden()))
                .addFilterBefore(bearerTokens(tokens, problems), BasicAuthenticationFilter.class)
                .addFilterBefore(new RateLimitFilter(rateLimits, problems), AuthorizationFilter.class)
                .addFilterBefore(new PasswordChangeRequiredFilter(problems), AuthorizationFilter.class);
        return http.build();
    }

    /**
     * {@code Authorization: Bearer dzv_…} through Spring Security's generic {@link AuthenticationFilter}: a converter
     * reads the header, a provider checks the token ({@link ApiTokens#authenticate}). Not the OAuth2 resource
     * server's {@code BearerTokenAuthenticationFilter}: that module is built around JWTs and RFC 7662 introspection
     * (its principal an {@code OAuth2AuthenticatedPrincipal}, not a {@link DozvonUser}), would add a dependency for a
     * header parser, and Dozvon's tokens are neither. A failure answers at once with the reason (unknown, expired,
     * revoked); success goes on down the chain, with no session.
     */
    private static AuthenticationFilter bearerTokens(ApiTokens tokens, ProblemResponses problems) {
        AuthenticationFilter filter = new AuthenticationFilter(
                new ProviderManager(new ApiTokenAuthenticationProvider(tokens)), new BearerTokenConverter());
        filter.setSuccessHandler((request, response, authentication) -> { });
        filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(problems.invalidToken()));
        return filter;
    }

    @Bean
    @Order(2)
    SecurityFilterChain portalSecurity(HttpSecurity http, ProblemResponses problems,
                                       SecurityContextRepository securityContextRepository,
                                       DomainAccounts domainAccounts, LoginLockout lockout,
                                       AccessProperties properties, java.time.Clock clock) throws Exception {
        // the login form's "Domain account" (LDAP / Active Directory); "Local account" goes on to the local users
        http.authenticationProvider(new DomainAuthenticationProvider(domainAccounts));
        http.authorizeHttpRequests(requests -> requests
                        // an async dispatch continues a request already authorised (a closing SSE stream);
                        // an error dispatch renders the error of one
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(paths("/login", "/error", "/webjars/**", "/css/**", "/js/**", "/img/**",
                                "/favicon.ico")).permitAll()
                        .requestMatchers(paths("/camunda/**")).hasAuthority(Permission.PROCESS_ENGINE.name())
                        .anyRequest().authenticated())
                .securityContext(context -> context.securityContextRepository(securityContextRepository))
                .formLogin(form -> form.loginPage("/login").permitAll()
                        .authenticationDetailsSource(SignInDetails.source("portal"))
                        .successHandler(lockout.successHandler()).failureHandler(lockout.failureHandler()))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                // Camunda's web apps protect themselves with their own CSRF token filter
                .csrf(csrf -> csrf.ignoringRequestMatchers(paths("/camunda/**")))
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()))
                .addFilterBefore(new PasswordChangeRequiredFilter(problems), AuthorizationFilter.class)
                .addFilterBefore(lockout.filter(), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new SessionLifetimeFilter(clock, properties.sessionLifetime()),
                        UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    /**
     * Patterns on the whole path, whichever servlet serves it: Camunda's REST API and web apps are not
     * behind Spring MVC's dispatcher, so MVC-relative matching would miss them.
     */
    private static RequestMatcher[] paths(String... patterns) {
        PathPatternRequestMatcher.Builder builder = PathPatternRequestMatcher.withDefaults();
        return Arrays.stream(patterns).map(builder::matcher).toArray(RequestMatcher[]::new);
    }
}
