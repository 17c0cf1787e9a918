package org.dozvon.access;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** The login form's details: besides the address, which account the user chose ("local" or "domain"). */
class LoginDetails extends WebAuthenticationDetails {

    static final String ACCOUNT_TYPE = "accountType";

    private final boolean domain;

    LoginDetails(HttpServletRequest request) {
        super(request);
        this.domain = "domain".equals(request.getParameter(ACCOUNT_TYPE));
    }

    boolean domain() {
        return domain;
    }
}
