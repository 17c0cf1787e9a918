package org.dozvon.campaigns;

/**
 * A link operators open from the workplace during a campaign's calls (manual 20.2.1, "Интеграции"): a CRM page of
 * the client, a map of the address. Its URL is a template (see {@link UrlTemplates}) filled with the call's values.
 *
 * @param name          what the button says
 * @param urlTemplate   an absolute http(s) URL with {@code {placeholder}}s
 * @param openByDefault opened in a new tab by itself when the contact's card first appears for a call (at most one
 *                      link of a campaign)
 */
public record IntegrationLink(String name, String urlTemplate, boolean openByDefault) {
}
