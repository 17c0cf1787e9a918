/**
 * Campaigns: campaigns, completion codes, skills, caller-ID groups, calendars and callbacks.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Campaigns")
package org.dozvon.campaigns;
