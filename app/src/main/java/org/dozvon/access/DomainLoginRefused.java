package org.dozvon.access;

import org.springframework.security.authentication.AccountStatusException;

/**
 * A domain login refused for a reason the login page names (its message key is the message). An
 * {@link AccountStatusException} so that the provider manager stops there: a domain login must never fall through to
 * the local accounts.
 */
class DomainLoginRefused extends AccountStatusException {

    DomainLoginRefused(String messageKey) {
        super(messageKey);
    }

    DomainLoginRefused(String messageKey, Throwable cause) {
        super(messageKey, cause);
    }

    String messageKey() {
        return getMessage();
    }
}
