/**
 * Imports: Spring Batch jobs that load contacts from files, REST and scheduled sources, and the import journal.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Imports")
package org.dozvon.imports;
