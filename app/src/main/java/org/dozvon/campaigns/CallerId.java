package org.dozvon.campaigns;

/** A number customers may see when called (manual section 12, "АОН"). */
public record CallerId(long id, String number, String description) {
}
