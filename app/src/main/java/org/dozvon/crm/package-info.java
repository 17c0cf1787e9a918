/**
 * CRM: contacts as a CRM works with them over REST — looked up by id or client id with their status in every
 * campaign, their strategy's step and their attempts; updated; cancelled or blocked (a contact or a phone, in one
 * campaign or in all); given an agent's result — and the CRM status mapping that turns a status a CRM sends into
 * "call", "postpone", "do not touch" or "final".
 */
@org.springframework.modulith.ApplicationModule(displayName = "CRM")
package org.dozvon.crm;
