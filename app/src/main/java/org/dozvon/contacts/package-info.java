/**
 * Contacts: lists, fields, contacts and their phones, do-not-call lists, the numbering directory and time zones.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contacts")
package org.dozvon.contacts;
