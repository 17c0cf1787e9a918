package org.dozvon.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dozvon.Violation;
import org.junit.jupiter.api.Test;

/** The URL templates of campaign integrations: filling, encoding, and the checks made when a campaign is saved. */
class UrlTemplatesTests {

    private static final Set<String> FIELDS = Set.of("client_id", "name", "debt", "phone");

    @Test
    void placeholdersAreFilledWithUrlEncodedValues() {
        Map<String, Object> values = UrlTemplates.values(Map.of("name", "Иван Петров & Co/1?", "debt", 1500.0,
                "client_id", new BigDecimal("12.50")), "+79001234567", 7L, 3L, "anna.k", 42L);

        String url = UrlTemplates.fill("https://crm.example/clients/{client_id}?name={name}&debt={debt}"
                + "&phone={phone}&contact={contactId}&campaign={campaignId}&by={operator}&attempt={attemptId}", values);

        assertThat(url).isEqualTo("https://crm.example/clients/12.50?name=%D0%98%D0%B2%D0%B0%D0%BD%20%D0%9F%D0%B5%D1%82"
                + "%D1%80%D0%BE%D0%B2%20%26%20Co%2F1%3F&debt=1500&phone=%2B79001234567&contact=7&campaign=3&by=anna.k"
                + "&attempt=42");
    }

    @Test
    void aPlaceholderWithoutAValueBecomesEmptyAndOtherBracesStayAsTheyAre() {
        assertThat(UrlTemplates.fill("https://crm.example/{name}/x?q={ not a placeholder }&j={}", Map.of()))
                .isEqualTo("https://crm.example//x?q={ not a placeholder }&j={}");
    }

    @Test
    void theBuiltInsWinOverContactFieldsOfTheSameCode() {
        Map<String, Object> values = UrlTemplates.values(Map.of("phone", "+79990000000"), "+79001234567", 1L, 2L,
                "anna", 3L);

        assertThat(UrlTemplates.fill("https://crm.example/?p={phone}", values)).isEqualTo("https://crm.example/?p=%2B79001234567");
    }

    @Test
    void aTemplateOfContactFieldsAndBuiltInsThatMakesAnHttpUrlPasses() {
        assertThat(check("https://crm.example/clients/{client_id}?phone={phone}&op={operator}")).isNull();
        assertThat(check("http://10.0.0.5:8080/card?c={contactId}&a={attemptId}&k={campaignId}")).isNull();
    }

    @Test
    void anUnknownPlaceholderIsRefusedByName() {
        Violation refused = check("https://crm.example/clients/{clinet_id}");

        assertThat(refused.messageKey()).isEqualTo("campaigns.error.link.placeholder");
        assertThat(refused.arguments()).containsExactly("CRM", "{clinet_id}",
                "{phone}, {contactId}, {campaignId}, {operator}, {attemptId}");
    }

    @Test
    void aTemplateThatIsNoAbsoluteHttpUrlIsRefused() {
        for (String template : List.of("crm.example/clients/{client_id}", "/clients/{client_id}", "ftp://crm.example/{name}",
                "javascript:alert({name})", "https://crm example/{name}", "{name}/clients")) {
            assertThat(check(template)).as(template).extracting(Violation::messageKey).isEqualTo("campaigns.error.link.url");
        }
        assertThat(check(" ")).extracting(Violation::messageKey).isEqualTo("campaigns.error.link.empty");
        assertThat(check("https://crm.example/" + "x".repeat(2000))).extracting(Violation::messageKey)
                .isEqualTo("campaigns.error.link.tooLong");
    }

    @Test
    void aValueCannotChangeTheShapeOfTheUrl() {
        Map<String, Object> values = new HashMap<>();
        values.put("name", "evil.example/#");

        assertThat(UrlTemplates.fill("https://{name}", values)).isEqualTo("https://evil.example%2F%23");
    }

    private static Violation check(String template) {
        return UrlTemplates.check("links", "campaigns.error.link", "CRM", template, FIELDS).orElse(null);
    }
}
