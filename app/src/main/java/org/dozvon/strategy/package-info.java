/**
 * Strategy: the Camunda glue that runs one contact strategy process per contact, and its dry run.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Strategy")
package org.dozvon.strategy;
