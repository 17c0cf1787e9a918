package org.dozvon.access;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * The login form's "Domain account": authenticates against the directory ({@link DomainAccounts#login}). A form post
 * with "Local account" (the default) is not this provider's; it passes on to the local accounts, so a local and a
 * domain account never stand in for each other even when their names are alike. Not a bean: Spring Security would
 * then stop building the local provider from the user details service.
 */
class DomainAuthenticationProvider implements AuthenticationProvider {

    private final DomainAccounts accounts;

    DomainAuthenticationProvider(DomainAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!(authentication.getDetails() instanceof SignInDetails details) || !details.domain()) {
            return null;
        }
        String password = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
        DozvonUser user;
        try {
            user = accounts.login(authentication.getName(), password);
        } catch (org.springframework.security.authentication.BadCredentialsException wrong) {
            throw new DomainLoginRefused("login.error", wrong);
        }
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(user, null,
                user.getAuthorities());
        result.setDetails(details);
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
