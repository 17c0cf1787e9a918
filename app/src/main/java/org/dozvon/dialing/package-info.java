/**
 * Dialing: the dial queue, the pacers, operator assignment and call attempts.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dialing")
package org.dozvon.dialing;
