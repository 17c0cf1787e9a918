package org.dozvon.contacts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

/** Checks raw values (as typed or as read from a file) against a list's fields. */
@Component
public class ContactValues {

    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("dd.MM.uuuu"),
            DateTimeFormatter.ofPattern("d.M.uuuu"), DateTimeFormatter.ofPattern("dd/MM/uuuu"));
    /** The separator each of {@link #DATE_FORMATS} needs: a value without it is not tried (nor thrown about). */
    private static final List<Character> DATE_SEPARATORS = List.of('-', '.', '.', '/');
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final Pattern NUMBER_SPACES = Pattern.compile("[\\s\\u00A0\\u202F]");

    private final PhoneNumbers phoneNumbers;
    private final PhoneTimeZones timeZones;
    private final ObjectMapper json;
    private final Map<String, Pattern> masks = new ConcurrentHashMap<>();

    public ContactValues(PhoneNumbers phoneNumbers, PhoneTimeZones timeZones, ObjectMapper json) {
        this.phoneNumbers = phoneNumbers;
        this.timeZones = timeZones;
        this.json = json;
    }

    /**
     * @param raw values by field code; codes the list does not have are reported, blank values are absent
     */
    public CheckedContact check(ListSchema schema, Map<String, String> raw) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        Map<String, Object> searchable = new LinkedHashMap<>();
        List<CheckedContact.Phone> phones = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<CheckedContact.Problem> problems = new ArrayList<>();
        for (String code : raw.keySet()) {
            if (!schema.hasField(code)) {
                problems.add(new CheckedContact.Problem(code, raw.get(code), "is not a field of list '" + schema.listName() + "'"));
            }
        }
        String clientId = null;
        String explicitZone = null;
        List<CheckedContact.Phone> numbers = new ArrayList<>();
        for (ListSchema.Field field : schema.fields()) {
            String value = raw.get(field.code());
            value = value == null ? null : value.strip();
            if (value == null || value.isEmpty()) {
                if (field.required() || field.clientId()) {
                    problems.add(new CheckedContact.Problem(field.code(), "", "is required"));
                }
                continue;
            }
            String problem = checkMask(field, value);
            if (problem != null) {
                problems.add(new CheckedContact.Problem(field.code(), value, problem));
                continue;
            }
            switch (field.type()) {
                case TEXT -> {
                    attributes.put(field.code(), value);
                    searchable.put(field.code(), value);
                }
                case EMAIL -> {
                    if (EMAIL.matcher(value).matches()) {
                        // lower case: addresses compare so in practice, and DNC lookups stay exact and indexed
                        String address = value.toLowerCase(java.util.Locale.ROOT);
                        attributes.put(field.code(), address);
                        searchable.put(field.code(), address);
                        emails.add(address);
                    } else {
                        problems.add(new CheckedContact.Problem(field.code(), value, "is not an e-mail address"));
                    }
                }
                case NUMBER -> {
                    try {
                        attributes.put(field.code(), new BigDecimal(NUMBER_SPACES.matcher(value).replaceAll("").replace(',', '.')));
                    } catch (NumberFormatException e) {
                        problems.add(new CheckedContact.Problem(field.code(), value, "is not a number"));
                    }
                }
                case DATE -> {
                    LocalDate date = parseDate(value);
                    if (date != null) {
                        attributes.put(field.code(), date.toString());
                    } else {
                        problems.add(new CheckedContact.Problem(field.code(), value,
                                "is not a date (expected 2026-11-24, 24.11.2026 or 24/11/2026)"));
                    }
                }
                case TIMEZONE -> {
                    ZoneResolution zone = timeZones.resolve(null, value, null);
                    if (zone.source() == ZoneSource.CONTACT_FIELD) {
                        attributes.put(field.code(), zone.zone().getId());
                        searchable.put(field.code(), zone.zone().getId());
                        explicitZone = zone.zone().getId();
                    } else {
                        problems.add(new CheckedContact.Problem(field.code(), value,
                                "is not a time zone (expected e.g. Asia/Yekaterinburg or UTC+5)"));
                    }
                }
                case PHONE -> {
                    PhoneNumbers.Normalized phone = phoneNumbers.normalize(value);
                    if (phone.valid()) {
                        attributes.put(field.code(), phone.e164());
                        numbers.add(new CheckedContact.Phone(field.code(), phone.e164(), field.position(), null, null));
                    } else {
                        problems.add(new CheckedContact.Problem(field.code(), value, "is not a phone number: " + phone.problem()));
                    }
                }
            }
            if (field.clientId() && attributes.containsKey(field.code())) {
                clientId = String.valueOf(attributes.get(field.code()));
            }
        }
        // zones last: the contact's own zone field may come after its phone fields
        for (CheckedContact.Phone number : numbers) {
            ZoneResolution zone = timeZones.resolve(number.e164(), explicitZone, null);
            phones.add(new CheckedContact.Phone(number.fieldCode(), number.e164(), number.priority(),
                    zone.zone() == null ? null : zone.zone().getId(), zone.zone() == null ? null : zone.source()));
        }
        return new CheckedContact(attributes, clientId, phones, emails, problems,
                problems.isEmpty() ? toJson(attributes) : null, problems.isEmpty() ? toJson(searchable) : null);
    }

    private String toJson(Map<String, Object> attributes) {
        try {
            return json.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String checkMask(ListSchema.Field field, String value) {
        if (field.mask() == null) {
            return null;
        }
        Pattern mask;
        try {
            mask = masks.computeIfAbsent(field.mask(), Pattern::compile);
        } catch (PatternSyntaxException e) {
            return null; // masks are checked when the field is saved; an old bad one must not block data
        }
        return mask.matcher(value).matches() ? null : "does not match the mask " + field.mask();
    }

    /** A date in one of the accepted formats, or null. */
    static LocalDate parseDate(String value) {
        for (int i = 0; i < DATE_FORMATS.size(); i++) {
            if (value.indexOf(DATE_SEPARATORS.get(i)) < 0) {
                continue;
            }
            try {
                return LocalDate.parse(value, DATE_FORMATS.get(i));
            } catch (DateTimeParseException ignored) {
                // try the next format
            }
        }
        return null;
    }
}
