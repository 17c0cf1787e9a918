package org.dozvon.access;

import org.springframework.security.authentication.BadCredentialsException;

/** A bearer token that opens nothing, and why (the 401 problem says which reason, and no more). */
final class ApiTokenRejected extends BadCredentialsException {

    enum Reason {
        /** Not a Dozvon token, or no token of that id with that secret: an unknown token and a wrong secret are one. */
        UNKNOWN("Unknown API token"),
        EXPIRED("The API token has expired"),
        REVOKED("The API token has been revoked");

        private final String detail;

        Reason(String detail) {
            this.detail = detail;
        }

        String detail() {
            return detail;
        }
    }

    private final Reason reason;

    ApiTokenRejected(Reason reason) {
        super(reason.detail());
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
