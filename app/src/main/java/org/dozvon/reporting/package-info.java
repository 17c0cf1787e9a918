/**
 * Reporting: monitoring figures, reports and exports.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reporting")
package org.dozvon.reporting;
