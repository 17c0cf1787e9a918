package org.dozvon.strategy;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** How far campaigns are through their contacts: one grouped statement for any number of campaigns. */
@Service
public class CampaignProgress {

    private final JdbcClient jdbc;

    CampaignProgress(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A campaign's contacts so far.
     *
     * @param taken    contacts the campaign has taken in (each runs the strategy once)
     * @param finished of those, contacts whose strategy has ended
     * @param waiting  of those, contacts waiting for their next call (a time window, a retry delay, a callback)
     */
    public record Progress(long taken, long finished, long waiting) {

        public static final Progress NONE = new Progress(0, 0, 0);

        /** Finished contacts in percent of those taken, 0 when none was taken. */
        public double percent() {
            return taken == 0 ? 0 : 100.0 * finished / taken;
        }

        public long remaining() {
            return taken - finished;
        }
    }

    /** Each campaign's progress; a campaign that took no contact is absent. */
    public Map<Long, Progress> of(Collection<Long> campaignIds) {
        Map<Long, Progress> result = new HashMap<>();
        if (campaignIds.isEmpty()) {
            return result;
        }
        jdbc.sql("""
                        select campaign_id, count(*), count(*) filter (where state = 'FINISHED'),
                               count(*) filter (where state = 'WAITING')
                        from campaign_contact where campaign_id in (:ids) group by campaign_id""")
                .param("ids", campaignIds)
                .query(rs -> {
                    result.put(rs.getLong(1), new Progress(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                });
        return result;
    }
}
