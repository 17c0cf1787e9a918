/**
 * Agents: operators, their sessions and states, and the operator workplace (ARM).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Agents")
package org.dozvon.agents;
