package org.dozvon.contacts.numbering;

import java.sql.PreparedStatement;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.dozvon.contacts.PhoneTimeZones;
import org.dozvon.contacts.ZoneResolution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link PhoneTimeZones} from memory: the numbering-range directory and the prefix table are read from
 * the database when the application is ready (or at the first question, if that comes earlier) and
 * again after every change made through Dozvon, into an immutable {@link TimeZoneChain} that replaces
 * the previous one in a single volatile write. Lookups never wait for a reload.
 */
@Service
class NumberingTimeZones implements PhoneTimeZones {

    private static final Logger log = LoggerFactory.getLogger(NumberingTimeZones.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final ApplicationEventPublisher events;
    private volatile TimeZoneChain chain;

    NumberingTimeZones(JdbcTemplate jdbc, PlatformTransactionManager transactions, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    @EventListener(ApplicationReadyEvent.class)
    void load() {
        chain();
    }

    @Override
    public ZoneResolution resolve(String e164, String explicitZone, ZoneId campaignDefault) {
        return chain().resolve(e164, explicitZone, campaignDefault);
    }

    TimeZoneChain.Explanation explain(String e164, String explicitZone, ZoneId campaignDefault) {
        return chain().explain(e164, explicitZone, campaignDefault);
    }

    /**
     * After an import has committed: the ranges of {@code codes} (all, if null) are replaced by the
     * import's, in memory; reading 500,000 rows back from the database would take longer than the
     * import itself. The importer calls this in the order its transactions committed.
     */
    synchronized void replaceRanges(Set<Integer> codes, List<PlanRange> ranges) {
        TimeZoneChain current = chain();
        chain = current.withRanges(current.ranges().replace(codes, ranges));
        events.publishEvent(new PhoneZoneRefresh.TimeZonesChanged());
    }

    /** Reads the prefix table again, after a change has committed. */
    synchronized void reloadPrefixes() {
        chain = chain().withPrefixes(loadPrefixes());
        events.publishEvent(new PhoneZoneRefresh.TimeZonesChanged());
    }

    private TimeZoneChain chain() {
        TimeZoneChain current = chain;
        if (current == null) {
            synchronized (this) {
                if (chain == null) {
                    chain = new TimeZoneChain(loadRanges(), loadPrefixes());
                }
                current = chain;
            }
        }
        return current;
    }

    private RangeIndex loadRanges() {
        long started = System.nanoTime();
        RangeIndex index = readOnly.execute(status -> {
            Integer expected = jdbc.queryForObject("select coalesce(sum(ranges), 0)::int from contacts_numbering_code",
                    Integer.class);
            RangeIndex.Builder builder = new RangeIndex.Builder(expected == null ? 0 : expected);
            Map<String, ZoneId> zones = new HashMap<>();
            jdbc.query(connection -> {
                PreparedStatement statement = connection.prepareStatement("""
                        select r.first_number, r.last_number, r.time_zone, r.operator, g.name
                        from contacts_numbering_range r join contacts_numbering_region g on g.id = r.region_id
                        order by r.first_number""");
                // a cursor, not 500,000 rows in the driver's memory at once
                statement.setFetchSize(10_000);
                return statement;
            }, row -> {
                String zone = row.getString(3);
                builder.add(row.getLong(1), row.getLong(2),
                        zone == null ? null : zones.computeIfAbsent(zone, NumberingTimeZones::zoneOrNull),
                        row.getString(4), row.getString(5));
            });
            return builder.build();
        });
        log.info("Numbering directory loaded: {} ranges in {} ms", index.size(), (System.nanoTime() - started) / 1_000_000);
        return index;
    }

    private PrefixIndex loadPrefixes() {
        List<PhonePrefix> rows = jdbc.query("select code, name, time_zone from contacts_phone_prefix",
                (row, n) -> new PhonePrefix(row.getString(1), row.getString(2), zoneOrNull(row.getString(3))));
        return PrefixIndex.of(rows.stream().filter(prefix -> prefix.zone() != null).toList());
    }

    private static ZoneId zoneOrNull(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            // a zone id this JDK does not know: the range or prefix stays, without a zone
            log.warn("Unknown time zone '{}' in the numbering directory or prefix table", id);
            return null;
        }
    }
}
