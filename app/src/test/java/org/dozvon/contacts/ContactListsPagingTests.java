package org.dozvon.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.dozvon.ApiPaging;
import org.dozvon.ApplicationTestBase;
import org.dozvon.PortalClient;
import org.junit.jupiter.api.Test;

/**
 * The lists of the contacts module over REST, page by page and filtered: fields, lists, DNC lists and their entries;
 * unknown ids answered 404 problems.
 */
class ContactListsPagingTests extends ApplicationTestBase {

    private final String s = UUID.randomUUID().toString().substring(0, 8);

    private ApiPaging api() {
        return new ApiPaging(port, "admin", ADMIN_PASSWORD);
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return new PortalClient(port).apiSend(method, path, body, "admin", ADMIN_PASSWORD);
    }

    private long create(String path, String body) {
        HttpResponse<String> created = send("POST", path, body);
        assertThat(created.statusCode()).as(path + ": " + created.body()).isEqualTo(201);
        return ApiPaging.read(created.body()).get("id").asLong();
    }

    @Test
    void fieldsAndListsPageInIdOrderAndFilterByTypeAndName() {
        List<String> fields = new ArrayList<>();
        for (String type : new String[] {"TEXT", "PHONE", "TEXT"}) {
            fields.add(String.valueOf(create("/api/v1/contact-fields",
                    "{\"code\": \"pg_%s_%d\", \"name\": \"Paged %d\", \"type\": \"%s\"}".formatted(s, fields.size(),
                            fields.size(), type))));
        }
        long first = create("/api/v1/contact-lists", "{\"name\": \"Paged list %s a\", \"fields\": [{\"code\": \"pg_%1$s_1\"}]}"
                .formatted(s));
        long second = create("/api/v1/contact-lists", "{\"name\": \"Paged list %s b\", \"fields\": [{\"code\": \"pg_%1$s_1\"}, {\"code\": \"pg_%1$s_0\"}]}"
                .formatted(s));

        assertThat(api().pages("/api/v1/contact-fields?q=pg_" + s, 2)).hasSize(2);
        assertThat(api().values("/api/v1/contact-fields?q=pg_" + s, 2, "id")).containsExactlyElementsOf(fields);
        assertThat(api().values("/api/v1/contact-fields?type=PHONE&q=pg_" + s, 10, "id")).containsExactly(fields.get(1));
        ApiPaging.refusedParameter(api().get("/api/v1/contact-fields?type=BLOB", "en"), "type");

        assertThat(api().pages("/api/v1/contact-lists?q=paged+list+" + s, 1)).hasSize(2);
        assertThat(api().values("/api/v1/contact-lists?q=paged+list+" + s, 1, "id"))
                .containsExactly(String.valueOf(first), String.valueOf(second));

        HttpResponse<String> noContact = send("DELETE", "/api/v1/contact-lists/" + first + "/contacts/999999999", null);
        assertThat(noContact.statusCode()).isEqualTo(404);
        assertThat(ApiPaging.read(noContact.body()).get("status").asInt()).isEqualTo(404);
        HttpResponse<String> unknownField = send("POST", "/api/v1/contact-lists",
                "{\"name\": \"Bad %s\", \"fields\": [{\"code\": \"nope_%1$s\"}]}".formatted(s));
        assertThat(ApiPaging.refusedParameter(unknownField, "fields")).contains("nope_" + s);
    }

    @Test
    void dncListsAndTheirEntriesPageNewestFirstAndFilterByKind() {
        long list = create("/api/v1/dnc-lists", "{\"name\": \"Paged DNC %s\"}".formatted(s));
        create("/api/v1/dnc-lists", "{\"name\": \"Paged DNC %s other\"}".formatted(s));
        HttpResponse<String> added = send("POST", "/api/v1/dnc-lists/" + list + "/entries",
                "[\"+79120000101\", \"+79120000102\", \"+79120000103\", \"paged-%s@example.org\"]".formatted(s));
        assertThat(ApiPaging.read(added.body()).get("added").asInt()).as(added.body()).isEqualTo(4);

        assertThat(api().pages("/api/v1/dnc-lists?q=paged+dnc+" + s, 1)).hasSize(2);
        assertThat(ApiPaging.read(api().get("/api/v1/dnc-lists/" + list, "en").body()).get("entries").asLong()).isEqualTo(4);
        List<JsonNode> pages = api().pages("/api/v1/dnc-lists/" + list + "/entries", 3);
        assertThat(pages).hasSize(2);
        assertThat(api().values("/api/v1/dnc-lists/" + list + "/entries", 3, "value")).containsExactly(
                "paged-" + s + "@example.org", "+79120000103", "+79120000102", "+79120000101");
        assertThat(api().values("/api/v1/dnc-lists/" + list + "/entries?kind=EMAIL", 10, "value"))
                .containsExactly("paged-" + s + "@example.org");
        assertThat(api().values("/api/v1/dnc-lists/" + list + "/entries?kind=PHONE&q=0102", 10, "value"))
                .containsExactly("+79120000102");
        ApiPaging.refusedParameter(api().get("/api/v1/dnc-lists/" + list + "/entries?kind=FAX", "en"), "kind");

        HttpResponse<String> noEntry = send("DELETE", "/api/v1/dnc-lists/" + list + "/entries/999999999", null);
        assertThat(noEntry.statusCode()).isEqualTo(404);
        assertThat(ApiPaging.read(noEntry.body()).get("detail").asText())
                .isEqualTo("There is no entry 999999999 in DNC list " + list + ".");
        assertThat(ApiPaging.refusedParameter(send("POST", "/api/v1/dnc-lists", "{\"name\": \" \"}"), "name")).isNotBlank();
    }
}
