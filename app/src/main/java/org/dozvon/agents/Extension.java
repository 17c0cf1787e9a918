package org.dozvon.agents;

/**
 * A phone operators work from (manual 18.2).
 *
 * @param endpoint what the PBX dials to ring it, e.g. {@code PJSIP/101}
 * @param inUseBy  the logged-in operator working from it now, or null
 */
public record Extension(long id, String endpoint, String description, String inUseBy) {
}
