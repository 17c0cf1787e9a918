/**
 * Storage: chooses between an external PostgreSQL and the embedded one kept in the data directory.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Database")
package org.dozvon.database;
