package org.dozvon.contacts.numbering;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.InputStreamSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The prefix table ("phone codes"): the time zone of the numbers that start with a code, for numbers
 * the numbering-range directory does not cover (other countries, or an installation without the
 * directory). Every change is followed by a rebuild of the in-memory prefix index.
 */
@Service
class PhonePrefixes {

    static final int PAGE_SIZE = 25;
    static final int NAME_LENGTH = 200;
    private static final Pattern CODE = Pattern.compile("[0-9]{1,15}");
    private static final Logger log = LoggerFactory.getLogger(PhonePrefixes.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final NumberingTimeZones timeZones;
    private final Clock clock;

    PhonePrefixes(JdbcClient jdbc, PlatformTransactionManager transactions, NumberingTimeZones timeZones, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.timeZones = timeZones;
        this.clock = clock;
    }

    /** The digits of a prefix as people type it ({@code +7 495}, {@code 375}), or null when it is not one. */
    static String normaliseCode(String text) {
        if (text == null) {
            return null;
        }
        String code = text.strip().replaceFirst("^\\+", "").replace(" ", "").replace("-", "");
        return CODE.matcher(code).matches() ? code : null;
    }

    PrefixPage find(String query, int page) {
        String text = query == null ? "" : query.strip();
        String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String codeStart = text.replaceFirst("^\\+", "") + "%";
        String where = " where name ilike :pattern or code like :codeStart";
        long total = jdbc.sql("select count(*) from contacts_phone_prefix" + where)
                .param("pattern", pattern).param("codeStart", codeStart).query(Long.class).single();
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(Math.max(page, 1), pages);
        List<PrefixRow> rows = jdbc.sql("select * from contacts_phone_prefix" + where
                        + " order by code limit :limit offset :offset")
                .param("pattern", pattern).param("codeStart", codeStart)
                .param("limit", PAGE_SIZE).param("offset", (current - 1) * PAGE_SIZE)
                .query((rs, n) -> row(rs)).list();
        return new PrefixPage(rows, current, pages, total);
    }

    Optional<PrefixRow> get(String code) {
        return jdbc.sql("select * from contacts_phone_prefix where code = :code").param("code", code)
                .query((rs, n) -> row(rs)).optional();
    }

    Outcome create(String code, String name, String zone, String username) {
        List<Violation> violations = new ArrayList<>();
        String digits = normaliseCode(code);
        if (digits == null) {
            violations.add(new Violation("code", "prefixes.error.code"));
        } else if (get(digits).isPresent()) {
            violations.add(new Violation("code", "prefixes.error.taken", digits));
        }
        Optional<ZoneId> zoneId = check(name, zone, violations);
        if (!violations.isEmpty()) {
            return new Outcome(violations, null);
        }
        jdbc.sql("""
                        insert into contacts_phone_prefix (code, name, time_zone, updated_at, updated_by)
                        values (:code, :name, :zone, :now, :user)""")
                .param("code", digits).param("name", name.strip()).param("zone", ZoneTexts.canonical(zoneId.orElseThrow()))
                .param("now", Timestamp.from(clock.instant())).param("user", username).update();
        timeZones.reloadPrefixes();
        log.info("Prefix {} ({}, {}) created by {}", digits, name.strip(), zoneId.get(), username);
        return new Outcome(List.of(), digits);
    }

    Outcome update(String code, String name, String zone, String username) {
        List<Violation> violations = new ArrayList<>();
        Optional<ZoneId> zoneId = check(name, zone, violations);
        if (!violations.isEmpty()) {
            return new Outcome(violations, null);
        }
        jdbc.sql("""
                        update contacts_phone_prefix set name = :name, time_zone = :zone, updated_at = :now, updated_by = :user
                        where code = :code""")
                .param("code", code).param("name", name.strip()).param("zone", ZoneTexts.canonical(zoneId.orElseThrow()))
                .param("now", Timestamp.from(clock.instant())).param("user", username).update();
        timeZones.reloadPrefixes();
        log.info("Prefix {} changed by {}: {}, {}", code, username, name.strip(), zoneId.get());
        return new Outcome(List.of(), code);
    }

    boolean delete(String code, String username) {
        boolean deleted = jdbc.sql("delete from contacts_phone_prefix where code = :code").param("code", code).update() > 0;
        if (deleted) {
            timeZones.reloadPrefixes();
            log.info("Prefix {} deleted by {}", code, username);
        }
        return deleted;
    }

    /**
     * Adds the file's prefixes, replacing those with the same code; the others stay. One transaction:
     * the good rows are all in, or (on a database error) none.
     */
    ImportOutcome importFile(String fileName, InputStreamSource file, String username) throws IOException, PlanFileException {
        Charset charset = TextEncodings.detect(file.getInputStream());
        PrefixFileParser.ParsedPrefixes parsed;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.getInputStream(), charset))) {
            parsed = PrefixFileParser.parse(reader);
        }
        int[] counts = transaction.execute(status -> {
            int inserted = 0;
            int updated = 0;
            for (PrefixFileParser.PrefixLine line : parsed.prefixes()) {
                PhonePrefix prefix = line.prefix();
                boolean isNew = jdbc.sql("""
                                insert into contacts_phone_prefix (code, name, time_zone, updated_at, updated_by)
                                values (:code, :name, :zone, :now, :user)
                                on conflict (code) do update set name = excluded.name, time_zone = excluded.time_zone,
                                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
                                returning (xmax = 0)""")
                        .param("code", prefix.code()).param("name", prefix.name())
                        .param("zone", ZoneTexts.canonical(prefix.zone()))
                        .param("now", Timestamp.from(clock.instant())).param("user", username)
                        .query(Boolean.class).single();
                if (isNew) {
                    inserted++;
                } else {
                    updated++;
                }
            }
            return new int[] {inserted, updated};
        });
        timeZones.reloadPrefixes();
        log.info("Prefix file '{}' imported by {}: {} rows read, {} added, {} replaced, {} rejected", fileName, username,
                parsed.rowsRead(), counts[0], counts[1], parsed.rejected().size());
        List<JournalEntry> journal = parsed.rejected();
        return new ImportOutcome(fileName, parsed.rowsRead(), counts[0], counts[1], journal.size(),
                List.copyOf(journal.subList(0, Math.min(journal.size(), NumberingPlanImport.JOURNAL_LIMIT))));
    }

    private static Optional<ZoneId> check(String name, String zone, List<Violation> violations) {
        if (name == null || name.isBlank()) {
            violations.add(new Violation("name", "prefixes.error.name"));
        } else if (name.strip().length() > NAME_LENGTH) {
            violations.add(new Violation("name", "prefixes.error.nameLength", NAME_LENGTH));
        }
        Optional<ZoneId> zoneId = ZoneTexts.parse(zone);
        if (zoneId.isEmpty()) {
            violations.add(new Violation("zone", zone == null || zone.isBlank() ? "prefixes.error.zoneMissing"
                    : "prefixes.error.zone", zone == null ? "" : zone.strip()));
        }
        return zoneId;
    }

    private PrefixRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
        String zone = rs.getString("time_zone");
        return new PrefixRow(rs.getString("code"), rs.getString("name"), zone,
                ZoneTexts.parse(zone).map(id -> ZoneTexts.label(id, clock.instant())).orElse(zone),
                rs.getObject("updated_at", OffsetDateTime.class).atZoneSameInstant(clock.getZone()).toLocalDateTime(),
                rs.getString("updated_by"));
    }

    record PrefixRow(String code, String name, String timeZone, String zoneLabel, LocalDateTime updatedAt,
                     String updatedBy) {
    }

    record PrefixPage(List<PrefixRow> rows, int page, int pages, long total) {
    }

    /** Either the violations, or the code of the prefix saved. */
    record Outcome(List<Violation> violations, String code) {
        boolean ok() {
            return violations.isEmpty();
        }
    }

    record ImportOutcome(String fileName, int rowsRead, int inserted, int updated, int rejectedCount,
                         List<JournalEntry> rejected) {
    }
}
