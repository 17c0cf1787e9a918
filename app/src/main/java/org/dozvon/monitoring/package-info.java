/**
 * Monitoring: the supervisor console. The live monitor of operators, campaigns and alerts with forced actions,
 * active campaigns with their operator pools, and the card of one call (what happened, what the strategy decided).
 * It reads the other modules through their public APIs and owns no business state of its own.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Monitoring")
package org.dozvon.monitoring;
