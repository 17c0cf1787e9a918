package org.dozvon.reporting;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;

import org.dozvon.agents.Operators;
import org.dozvon.campaigns.CampaignStatus;
import org.dozvon.campaigns.CampaignView;
import org.dozvon.campaigns.Campaigns;
import org.dozvon.campaigns.OutcomeCategory;
import org.dozvon.dialing.CallCounts;
import org.dozvon.dialing.CallStatistics;
import org.dozvon.dialing.OperatorCalls;
import org.dozvon.strategy.CampaignProgress;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * A widget's figures as a Chart.js configuration ({@code type}, {@code data: {labels, datasets}}, {@code options}),
 * ready for {@code new Chart(canvas, config)}, plus a {@code dozvon} member for what JSON cannot say to Chart.js
 * (the unit of the values, a note when there is nothing to show). The figures come from the owning modules' APIs;
 * labels are in the reader's language, outcome categories in {@link OutcomeColours}.
 */
@Service
class WidgetData {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM");
    private static final String PROGRESS_SUCCEEDED = "#198754";
    private static final String PROGRESS_FINISHED = "#6c757d";
    private static final String PROGRESS_REMAINING = "#9ec5fe";
    private static final String OPERATOR_CALLS = "#0d6efd";
    private static final String OPERATOR_TALK = "#20c997";
    private static final String OPERATOR_WRAP_UP = "#ffc107";
    private static final String ABANDON = "#dc3545";
    private static final String TARGET = "#6c757d";

    private final CallStatistics statistics;
    private final CampaignProgress progress;
    private final Campaigns campaigns;
    private final Operators operators;
    private final MessageSource messages;
    private final ReportingProperties properties;
    private final Clock clock;

    WidgetData(CallStatistics statistics, CampaignProgress progress, Campaigns campaigns, Operators operators,
               MessageSource messages, ReportingProperties properties, Clock clock) {
        this.statistics = statistics;
        this.progress = progress;
        this.campaigns = campaigns;
        this.operators = operators;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
    }

    Map<String, Object> of(Widget widget, Locale locale) {
        Texts texts = new Texts(messages, locale);
        return switch (widget.kind()) {
            case CALLS_BY_HOUR -> callsByHour(widget.settings(), texts);
            case CALLS_BY_DAY -> callsByDay(widget.settings(), texts);
            case CAMPAIGN_PROGRESS -> campaignProgress(widget.settings(), texts);
            case OPERATOR_COMPARISON -> operatorComparison(widget.settings(), texts);
            case ABANDON_RATE -> abandonRate(widget.settings(), texts);
        };
    }

    private Map<String, Object> callsByHour(WidgetSettings settings, Texts texts) {
        ZoneId zone = properties.zone();
        SortedMap<Integer, CallCounts> hours = statistics.byHour(today(zone), zone, settings.campaignId());
        List<String> labels = hours.keySet().stream().map(hour -> String.format("%02d", hour)).toList();
        return byOutcome(settings.chart(), labels, hours.values(), texts, texts.get("widget.axis.hour"));
    }

    private Map<String, Object> callsByDay(WidgetSettings settings, Texts texts) {
        ZoneId zone = properties.zone();
        LocalDate today = today(zone);
        SortedMap<LocalDate, CallCounts> days = statistics.byDay(today.minusDays(settings.period().days() - 1L), today,
                zone, settings.campaignId());
        List<String> labels = days.keySet().stream().map(DAY::format).toList();
        return byOutcome(settings.chart(), labels, days.values(), texts, texts.get("widget.axis.day"));
    }

    /** One dataset per outcome category, in the categories' order, each in its colour. */
    private Map<String, Object> byOutcome(ChartType chart, List<String> labels, Collection<CallCounts> slots,
                                          Texts texts, String axis) {
        List<Map<String, Object>> datasets = new ArrayList<>();
        for (OutcomeCategory category : OutcomeCategory.values()) {
            datasets.add(dataset(texts.get(category.messageKey()), OutcomeColours.of(category),
                    slots.stream().map(counts -> (Object) counts.count(category)).toList(), chart)
                    .with("category", category.name()).map);
        }
        long total = slots.stream().mapToLong(CallCounts::total).sum();
        return config(chart, false, labels, datasets,
                axes(axis, texts.get("widget.axis.calls"), chart == ChartType.STACKED), null,
                total == 0 ? texts.get("widget.empty.calls") : null);
    }

    private Map<String, Object> campaignProgress(WidgetSettings settings, Texts texts) {
        List<CampaignView> shown = new ArrayList<>();
        if (settings.campaignId() != null) {
            campaigns.find(settings.campaignId()).ifPresent(shown::add);
        } else {
            shown.addAll(campaigns.withStatus(CampaignStatus.RUNNING));
            shown.addAll(campaigns.withStatus(CampaignStatus.PAUSED));
        }
        Map<Long, CampaignProgress.Figures> counts = progress.of(shown.stream().map(CampaignView::id).toList());
        List<String> labels = shown.stream().map(CampaignView::name).toList();
        Function<Function<CampaignProgress.Figures, Long>, List<Object>> values =
                value -> shown.stream().map(c -> (Object) value.apply(counts.get(c.id()))).toList();
        ChartType chart = settings.chart();
        List<Map<String, Object>> datasets = List.of(
                dataset(texts.get("widget.progress.succeeded"), PROGRESS_SUCCEEDED,
                        values.apply(CampaignProgress.Figures::succeeded), chart).map,
                dataset(texts.get("widget.progress.finished"), PROGRESS_FINISHED,
                        values.apply(c -> c.finished() - c.succeeded()), chart).map,
                dataset(texts.get("widget.progress.remaining"), PROGRESS_REMAINING,
                        values.apply(CampaignProgress.Figures::remaining), chart).map);
        return config(chart, true, labels, datasets,
                axes(null, texts.get("widget.axis.contacts"), chart == ChartType.STACKED), null,
                shown.isEmpty() ? texts.get("widget.empty.campaigns") : null);
    }

    private Map<String, Object> operatorComparison(WidgetSettings settings, Texts texts) {
        ZoneId zone = properties.zone();
        LocalDate today = today(zone);
        Instant from = today.minusDays(settings.period().days() - 1L).atStartOfDay(zone).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(zone).toInstant();
        List<OperatorCalls> figures = statistics.byOperator(from, to, settings.campaignId());
        Map<Long, String> names = new HashMap<>();
        if (!figures.isEmpty()) {
            operators.all().forEach(operator -> names.put(operator.id(), operator.name()));
        }
        List<String> labels = figures.stream()
                .map(f -> names.getOrDefault(f.operatorId(), f.operatorName() == null ? "#" + f.operatorId() : f.operatorName()))
                .toList();
        List<Map<String, Object>> datasets = List.of(
                dataset(texts.get("widget.operators.calls"), OPERATOR_CALLS,
                        figures.stream().map(f -> (Object) f.calls()).toList(), ChartType.BAR).with("yAxisID", "y").map,
                dataset(texts.get("widget.operators.talk"), OPERATOR_TALK,
                        figures.stream().map(f -> (Object) round(f.talk().toMillis() / 60_000.0)).toList(), ChartType.BAR)
                        .with("yAxisID", "y1").map,
                dataset(texts.get("widget.operators.wrapUp"), OPERATOR_WRAP_UP,
                        figures.stream().map(f -> (Object) (f.averageWrapUp() == null ? null
                                : round(f.averageWrapUp().toMillis() / 1000.0))).toList(), ChartType.BAR)
                        .with("yAxisID", "y2").map);
        Map<String, Object> scales = new LinkedHashMap<>();
        scales.put("x", axis(null, false, null));
        scales.put("y", counts(axis(texts.get("widget.axis.calls"), false, "left")));
        scales.put("y1", axis(texts.get("widget.axis.minutes"), false, "right"));
        scales.put("y2", axis(texts.get("widget.axis.seconds"), false, "right"));
        return config(ChartType.BAR, false, labels, datasets, scales, null,
                figures.isEmpty() ? texts.get("widget.empty.operators") : null);
    }

    private Map<String, Object> abandonRate(WidgetSettings settings, Texts texts) {
        ZoneId zone = properties.zone();
        LocalDate today = today(zone);
        List<String> labels;
        Collection<CallCounts> slots;
        String slotAxis;
        if (settings.period() == WidgetPeriod.TODAY) {
            SortedMap<Integer, CallCounts> hours = statistics.byHour(today, zone, settings.campaignId());
            labels = hours.keySet().stream().map(hour -> String.format("%02d", hour)).toList();
            slots = hours.values();
            slotAxis = texts.get("widget.axis.hour");
        } else {
            SortedMap<LocalDate, CallCounts> days = statistics.byDay(today.minusDays(settings.period().days() - 1L),
                    today, zone, settings.campaignId());
            labels = days.keySet().stream().map(DAY::format).toList();
            slots = days.values();
            slotAxis = texts.get("widget.axis.day");
        }
        ChartType chart = settings.chart();
        List<Map<String, Object>> datasets = new ArrayList<>();
        datasets.add(dataset(texts.get("widget.abandon.rate"), ABANDON, slots.stream()
                .map(counts -> (Object) (counts.abandonRate() == null ? null : round(counts.abandonRate() * 100)))
                .toList(), chart).with("spanGaps", true).map);
        if (settings.campaignId() != null) {
            campaigns.find(settings.campaignId()).ifPresent(campaign -> {
                Object target = round(campaign.settings().dialing().abandonTarget());
                datasets.add(dataset(texts.get("widget.abandon.target"), TARGET,
                        labels.stream().map(label -> target).toList(), ChartType.LINE)
                        .with("type", "line").with("borderDash", List.of(6, 4)).with("pointRadius", 0).map);
            });
        }
        boolean nobody = slots.stream().allMatch(counts -> counts.abandonRate() == null);
        Map<String, Object> scales = axes(slotAxis, texts.get("widget.axis.percent"), false);
        @SuppressWarnings("unchecked")
        Map<String, Object> y = (Map<String, Object>) scales.get("y");
        y.remove("ticks"); // shares, not counts
        y.put("suggestedMax", 5);
        return config(chart, false, labels, datasets, scales, "%", nobody ? texts.get("widget.empty.abandon") : null);
    }

    private LocalDate today(ZoneId zone) {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    // --- Chart.js configuration ------------------------------------------------------------------

    private static Dataset dataset(String label, String colour, List<Object> data, ChartType chart) {
        Dataset dataset = new Dataset().with("label", label).with("data", data).with("borderColor", colour)
                .with("backgroundColor", chart == ChartType.LINE ? colour + "33" : colour);
        if (chart == ChartType.LINE) {
            dataset.with("fill", false).with("tension", 0.2).with("pointRadius", 3);
        }
        return dataset;
    }

    /** An x axis of slots or names and a y axis of counts (whole numbers only). */
    private static Map<String, Object> axes(String xTitle, String yTitle, boolean stacked) {
        Map<String, Object> scales = new LinkedHashMap<>();
        scales.put("x", axis(xTitle, stacked, null));
        scales.put("y", counts(axis(yTitle, stacked, null)));
        return scales;
    }

    private static Map<String, Object> counts(Map<String, Object> axis) {
        axis.put("ticks", Map.of("precision", 0));
        return axis;
    }

    private static Map<String, Object> axis(String title, boolean stacked, String position) {
        Map<String, Object> axis = new LinkedHashMap<>();
        axis.put("stacked", stacked);
        axis.put("beginAtZero", true);
        if (position != null) {
            axis.put("position", position);
        }
        if (title != null) {
            axis.put("title", Map.of("display", true, "text", title));
        }
        return axis;
    }

    /**
     * The configuration. {@code horizontal}: bars along the x axis, one row per label (the axes' roles swap, and so
     * must their titles).
     */
    private static Map<String, Object> config(ChartType chart, boolean horizontal, List<String> labels,
                                              List<Map<String, Object>> datasets, Map<String, Object> scales,
                                              String unit, String empty) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("responsive", true);
        options.put("maintainAspectRatio", false);
        options.put("animation", false);
        options.put("interaction", Map.of("mode", "index", "intersect", false));
        options.put("plugins", Map.of("legend", Map.of("position", "bottom")));
        if (horizontal) {
            options.put("indexAxis", "y");
            Object x = scales.get("x");
            scales.put("x", scales.get("y"));
            scales.put("y", x);
        }
        options.put("scales", scales);
        Map<String, Object> dozvon = new LinkedHashMap<>();
        dozvon.put("unit", unit);
        dozvon.put("empty", empty);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("type", chart == ChartType.LINE ? "line" : "bar");
        config.put("data", Map.of("labels", labels, "datasets", datasets));
        config.put("options", options);
        config.put("dozvon", dozvon);
        return config;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** A Chart.js dataset, member by member in order. */
    private static final class Dataset {
        final Map<String, Object> map = new LinkedHashMap<>();

        Dataset with(String key, Object value) {
            map.put(key, value);
            return this;
        }
    }

    /** Messages in one language. */
    private record Texts(MessageSource messages, Locale locale) {
        String get(String key) {
            return messages.getMessage(key, null, key, locale);
        }
    }
}
