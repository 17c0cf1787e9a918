package org.dozvon.strategy;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.dozvon.access.DozvonUser;
import org.dozvon.access.Permission;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Camunda's web apps trust Dozvon's login: whoever Spring Security let through to {@code /camunda}
 * (a user holding {@link Permission#PROCESS_ENGINE}) is that user in Cockpit too, with no second
 * account and no Camunda password.
 */
@Configuration(proxyBeanMethods = false)
class CamundaWebappSingleSignOn {

    /** Camunda's built-in group whose members administer the engine in its web apps. */
    static final String CAMUNDA_ADMIN_GROUP = "camunda-admin";

    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaContainerAuthentication() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.addInitParameter("authentication-provider", SpringSecurityUser.class.getName());
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        // after Spring Security's filter chain (order -100), which has already authenticated the request
        registration.setOrder(101);
        return registration;
    }

    /** Instantiated by Camunda by its class name, so it reads the security context statically. */
    public static class SpringSecurityUser extends ContainerBasedAuthenticationProvider {

        private static final Logger log = LoggerFactory.getLogger(SpringSecurityUser.class);

        @Override
        public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication == null || !(authentication.getPrincipal() instanceof DozvonUser user)
                    || !user.has(Permission.PROCESS_ENGINE)) {
                return AuthenticationResult.unsuccessful();
            }
            org.camunda.bpm.webapp.impl.security.auth.Authentication known = AuthenticationUtil.getAuthsFromSession(request.getSession())
                    .getAuthenticationForProcessEngine(engine.getName());
            if ((known == null || !user.getUsername().equals(known.getIdentityId()))
                    && !mirrorIntoCamundaIdentity(user, engine.getIdentityService())) {
                return AuthenticationResult.unsuccessful();
            }
            AuthenticationResult result = AuthenticationResult.successful(user.getUsername());
            result.setGroups(List.of(CAMUNDA_ADMIN_GROUP));
            return result;
        }

        /**
         * Camunda's web apps only accept users its identity service knows, so the Dozvon user is kept
         * there too, without a password: nobody can log in to Camunda directly with it.
         */
        private static boolean mirrorIntoCamundaIdentity(DozvonUser user, IdentityService identity) {
            try {
                if (identity.createGroupQuery().groupId(CAMUNDA_ADMIN_GROUP).count() == 0) {
                    Group group = identity.newGroup(CAMUNDA_ADMIN_GROUP);
                    group.setName("Camunda administrators (Dozvon PROCESS_ENGINE permission)");
                    group.setType(Groups.GROUP_TYPE_SYSTEM);
                    identity.saveGroup(group);
                }
                if (identity.createUserQuery().userId(user.getUsername()).count() == 0) {
                    User mirrored = identity.newUser(user.getUsername());
                    mirrored.setFirstName(user.displayName());
                    mirrored.setLastName("");
                    identity.saveUser(mirrored);
                }
                if (identity.createUserQuery().userId(user.getUsername()).memberOfGroup(CAMUNDA_ADMIN_GROUP).count() == 0) {
                    identity.createMembership(user.getUsername(), CAMUNDA_ADMIN_GROUP);
                }
            } catch (ProcessEngineException e) {
                // two first requests of one user at once: the other one may have created it already
                if (identity.createUserQuery().userId(user.getUsername()).count() == 0) {
                    log.warn("User '{}' cannot be mirrored into Camunda's identity service: {}",
                            user.getUsername(), e.getMessage());
                    return false;
                }
            }
            return true;
        }
    }
}
