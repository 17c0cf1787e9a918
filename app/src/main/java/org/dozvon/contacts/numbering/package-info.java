/**
 * The numbering-range directory, the prefix table and the in-memory index behind
 * {@link org.dozvon.contacts.PhoneTimeZones}; internal to the contacts module.
 */
package org.dozvon.contacts.numbering;
