package org.dozvon.campaigns;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a campaign's operators reach beyond Dozvon: links opened in a new tab from the contact's card, one of them
 * possibly opened by itself, and the web service that refreshes the client's data.
 *
 * @param links      in the order the workplace shows them
 * @param clientData the "refresh client data" service; null: none
 */
public record CampaignIntegrations(List<IntegrationLink> links, ClientDataService clientData) {

    /** No links, no service: what a new campaign starts with. */
    public static final CampaignIntegrations NONE = new CampaignIntegrations(List.of(), null);

    public CampaignIntegrations {
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** The link opened by itself, if the campaign has one. */
    public Optional<IntegrationLink> defaultLink() {
        return links.stream().filter(IntegrationLink::openByDefault).findFirst();
    }

    /** The links with their URLs filled from one call's values ({@link UrlTemplates#values}). */
    public List<OpenLink> linksFor(Map<String, ?> values) {
        return links.stream().map(link -> new OpenLink(link.name(), UrlTemplates.fill(link.urlTemplate(), values),
                link.openByDefault())).toList();
    }

    /** The same integrations with the client-data service's token replaced (sealed; null: none). */
    public CampaignIntegrations withSealedToken(String token) {
        return clientData == null ? this : new CampaignIntegrations(links, clientData.withSealedToken(token));
    }

    /** A link ready to open: its name and its URL for one call. */
    public record OpenLink(String name, String url, boolean openByDefault) {
    }
}
