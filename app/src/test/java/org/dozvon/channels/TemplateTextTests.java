package org.dozvon.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The {@code @field} substitution and its escaping, without Spring. */
class TemplateTextTests {

    private final Map<String, String> values = Map.of("fio", "Иван \"Ваня\" Петров", "debt", "1 500,50", "city", "Нижний Новгород");

    @Test
    void replacesReferencesByTheContactsValues() {
        String text = TemplateText.render("Здравствуйте, @fio! Долг: @debt руб.", values::get, TemplateText.PLAIN);

        assertThat(text).isEqualTo("Здравствуйте, Иван \"Ваня\" Петров! Долг: 1 500,50 руб.");
    }

    @Test
    void emailAddressesAndDoubledAtSignsStayText() {
        String template = "Пишите на info@bank.ru или @@support, @fio";

        assertThat(TemplateText.references(template)).containsExactly("fio");
        assertThat(TemplateText.render(template, values::get, TemplateText.PLAIN))
                .isEqualTo("Пишите на info@bank.ru или @support, Иван \"Ваня\" Петров");
    }

    @Test
    void aReferenceWithoutAValueBecomesEmpty() {
        assertThat(TemplateText.render("[@missing]", values::get, TemplateText.PLAIN)).isEqualTo("[]");
    }

    @Test
    void unknownReferencesIncludeWordsThatCannotBeFieldCodes() {
        assertThat(TemplateText.unknownReferences("@Имя клиента, @fio, @debts", Set.of("fio", "debt")))
                .containsExactly("Имя", "debts");
    }

    @Test
    void valuesAreUrlEncodedInUrlsAndJsonEscapedInJsonBodies() {
        assertThat(TemplateText.render("https://crm/x?city=@city&n=@fio", values::get, TemplateText.URL))
                .isEqualTo("https://crm/x?city=%D0%9D%D0%B8%D0%B6%D0%BD%D0%B8%D0%B9%20%D0%9D%D0%BE%D0%B2%D0%B3%D0%BE%D1%80%D0%BE%D0%B4"
                        + "&n=%D0%98%D0%B2%D0%B0%D0%BD%20%22%D0%92%D0%B0%D0%BD%D1%8F%22%20%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2");
        assertThat(TemplateText.render("{\"name\": \"@fio\"}", Map.of("fio", "a\"b\\c\nd")::get,
                TemplateText.bodyEscaping("application/json; charset=utf-8")))
                .isEqualTo("{\"name\": \"a\\\"b\\\\c\\nd\"}");
        assertThat(TemplateText.bodyEscaping("application/x-www-form-urlencoded")).isSameAs(TemplateText.URL);
        assertThat(TemplateText.bodyEscaping("text/plain")).isSameAs(TemplateText.PLAIN);
    }

    @Test
    void headerValuesLoseLineBreaksSoTheyCannotAddHeaders() {
        NotificationTemplate web = new NotificationTemplate(1L, "crm", "CRM", null, Channel.WEB, null, "", "GET",
                "https://crm.example.org/c/@fio", "X-Name: @fio\nContent-Type: text/plain", Instant.EPOCH, Instant.EPOCH);

        NotificationTemplates.Rendered rendered = NotificationTemplates.render(web,
                Map.of("fio", "x\r\nX-Admin: yes")::get);

        assertThat(rendered.headers()).extracting(HeaderLines.Header::value).containsExactly("x X-Admin: yes", "text/plain");
        assertThat(rendered.url()).isEqualTo("https://crm.example.org/c/x%0D%0AX-Admin%3A%20yes");
    }

    @Test
    void headerLinesNameTheirProblem() {
        assertThat(HeaderLines.problem("Authorization: Bearer x\n\nX-Id: 1")).isEmpty();
        assertThat(HeaderLines.problem("Authorization Bearer x")).hasValue("line 1 is not 'Name: value'");
        assertThat(HeaderLines.problem("X: 1\nHost: example.org")).hasValue("line 2: Dozvon sets the header Host itself");
    }
}
