package org.dozvon.crm;

/** What a CRM status means to the campaigns that call the contact. */
public enum CrmAction {
    /** Call as the strategy plans: any hold is released. A finished contact stays finished. */
    CALL,
    /** Not called before the date the CRM gives (else now + the status's default), in any campaign. */
    POSTPONE,
    /** Not called at all, in any campaign, until a status that calls releases it. */
    DO_NOT_TOUCH,
    /** The contact's processing ends in every campaign, with the status's final status. */
    FINAL
}
