package org.dozvon.strategy;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * How far campaigns have come with their contacts, as the strategy module keeps it ({@code campaign_contact}): what
 * the monitor, the active campaigns page and the dashboards show as "% of the list processed". A contact counts once
 * the campaign has taken it (its strategy process started); contacts the intake has not reached yet do not.
 */
@Service
public class CampaignProgress {

    private final JdbcClient jdbc;

    CampaignProgress(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One campaign's figures.
     *
     * @param total    contacts the campaign has taken (one strategy process each); while {@code taking}, more come
     * @param called   of those, contacts with at least one call attempt
     * @param finished of those, contacts whose processing has ended (whatever the final status)
     * @param succeeded of the finished ones, those that ended with {@link FinalStatus#SUCCESS}
     * @param taking   the intake's first walk through the campaign's selection has not ended yet (or not begun)
     */
    public record Figures(long total, long called, long finished, long succeeded, boolean taking) {

        public static final Figures NONE = new Figures(0, 0, 0, 0, true);

        /** Contacts still to process. */
        public long remaining() {
            return total - finished;
        }

        /** Finished contacts as a whole percentage of the total (0 when there are none). */
        public int percent() {
            return total == 0 ? 0 : (int) (finished * 100 / total);
        }
    }

    /** The figures of each campaign asked about (one that has taken nothing yet: {@link Figures#NONE}). */
    public Map<Long, Figures> of(Collection<Long> campaignIds) {
        Map<Long, Figures> figures = new HashMap<>();
        if (campaignIds.isEmpty()) {
            return figures;
        }
        campaignIds.forEach(id -> figures.put(id, Figures.NONE));
        jdbc.sql("""
                        select c.id,
                               (select count(*) from campaign_contact cc where cc.campaign_id = c.id),
                               (select count(*) from campaign_contact cc where cc.campaign_id = c.id and cc.attempts > 0),
                               (select count(*) from campaign_contact cc where cc.campaign_id = c.id and cc.state = 'FINISHED'),
                               (select count(*) from campaign_contact cc where cc.campaign_id = c.id and cc.final_status = 'SUCCESS'),
                               coalesce((select i.done from campaign_intake i where i.campaign_id = c.id), false)
                          from unnest(cast(:ids as bigint[])) as c(id)""")
                .param("ids", campaignIds.toArray(Long[]::new))
                .query(rs -> {
                    figures.put(rs.getLong(1), new Figures(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            !rs.getBoolean(6)));
                });
        return figures;
    }
}
