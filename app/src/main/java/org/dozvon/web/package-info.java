/**
 * Web: the portal's layout and navigation, languages, error pages and the live-update hub that pushes fragments to open pages.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package org.dozvon.web;
