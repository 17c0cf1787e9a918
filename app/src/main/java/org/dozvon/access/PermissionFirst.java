package org.dozvon.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Checks an API endpoint's {@link RequiresPermission} before its arguments are read. Method security checks it
 * only when the handler is called, after the body and the parameters have been bound, so a caller without the
 * permission would otherwise hear 400 or 422 about a request it may not make at all (and learn what the
 * endpoint expects). The method's annotation wins over its class's, as with method security, which still runs.
 */
@Configuration(proxyBeanMethods = false)
class PermissionFirst implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            RequiresPermission required = required(method);
            Authentication caller = SecurityContextHolder.getContext().getAuthentication();
            if (required != null && (caller == null || caller.getAuthorities().stream()
                    .noneMatch(authority -> required.value().name().equals(authority.getAuthority())))) {
                throw new AccessDeniedException("Permission " + required.value() + " required");
            }
        }
        return true;
    }

    /**
     * The permission a handler requires: its method's, else its class's unless the method states a rule of its own
     * (null: none declared; method security decides alone).
     */
    static RequiresPermission required(HandlerMethod method) {
        RequiresPermission onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequiresPermission.class);
        if (onMethod != null || AnnotatedElementUtils.hasAnnotation(method.getMethod(), PreAuthorize.class)) {
            return onMethod;
        }
        return AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresPermission.class);
    }
}
