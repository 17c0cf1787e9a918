package org.dozvon.contacts.numbering;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The numbering-range directory in memory: the ranges' first and last national numbers in sorted
 * arrays, found by binary search; operators, regions and zones by index into small tables. About
 * 30 bytes a range, some 15 MB for the whole Russian plan. Immutable: a new directory is a new index.
 */
final class RangeIndex {

    static final RangeIndex EMPTY = new Builder(0).build();

    private final long[] first;
    private final long[] last;
    private final int[] zone;
    private final int[] operator;
    private final int[] region;
    private final ZoneId[] zones;
    private final String[] operators;
    private final String[] regions;

    private RangeIndex(Builder builder) {
        this.first = Arrays.copyOf(builder.first, builder.size);
        this.last = Arrays.copyOf(builder.last, builder.size);
        this.zone = Arrays.copyOf(builder.zone, builder.size);
        this.operator = Arrays.copyOf(builder.operator, builder.size);
        this.region = Arrays.copyOf(builder.region, builder.size);
        this.zones = builder.zones.keySet().toArray(new ZoneId[0]);
        builder.zones.forEach((id, index) -> zones[index] = id);
        this.operators = new String[builder.operators.size()];
        builder.operators.forEach((name, index) -> operators[index] = name);
        this.regions = new String[builder.regions.size()];
        builder.regions.forEach((name, index) -> regions[index] = name);
    }

    int size() {
        return first.length;
    }

    /** The position of the range holding the ten-digit national number, or -1. */
    int find(long national) {
        int position = Arrays.binarySearch(first, national);
        if (position < 0) {
            position = -position - 2;
        }
        return position >= 0 && last[position] >= national ? position : -1;
    }

    /** The zone of the range at the position, null when its region has none. */
    ZoneId zone(int position) {
        return zone[position] < 0 ? null : zones[zone[position]];
    }

    long firstNumber(int position) {
        return first[position];
    }

    long lastNumber(int position) {
        return last[position];
    }

    String operator(int position) {
        return operators[operator[position]];
    }

    String region(int position) {
        return regions[region[position]];
    }

    /**
     * This index with the ranges of some codes replaced: the ranges of {@code codes} (all, if null) give
     * way to {@code replacements}, which are sorted, do not overlap and belong to those codes.
     */
    RangeIndex replace(Set<Integer> codes, List<PlanRange> replacements) {
        Builder builder = new Builder(size() + replacements.size());
        int kept = 0;
        for (PlanRange range : replacements) {
            kept = copyUntil(builder, kept, range.firstNumber(), codes);
            builder.add(range.firstNumber(), range.lastNumber(), range.zone(), range.operator(), range.region());
        }
        copyUntil(builder, kept, Long.MAX_VALUE, codes);
        return builder.build();
    }

    /** Copies this index's ranges that start before {@code limit} and are not replaced; returns where it stopped. */
    private int copyUntil(Builder builder, int from, long limit, Set<Integer> codes) {
        int position = from;
        while (position < first.length && first[position] < limit) {
            if (codes != null && !codes.contains((int) (first[position] / PlanRange.CODE_FACTOR))) {
                builder.add(first[position], last[position], zone(position), operator(position), region(position));
            }
            position++;
        }
        return position;
    }

    /** "DEF 912, 3450000–3459999, ПАО «МегаФон», Свердловская обл." */
    String describe(int position) {
        int code = (int) (first[position] / PlanRange.CODE_FACTOR);
        StringBuilder text = new StringBuilder(96).append(PlanRange.codeType(code)).append(' ').append(code).append(", ");
        appendSevenDigits(text, first[position] % PlanRange.CODE_FACTOR);
        text.append('–');
        appendSevenDigits(text, last[position] % PlanRange.CODE_FACTOR);
        String operatorName = operators[operator[position]];
        if (!operatorName.isEmpty()) {
            text.append(", ").append(operatorName);
        }
        return text.append(", ").append(regions[region[position]]).toString();
    }

    private static void appendSevenDigits(StringBuilder text, long number) {
        String digits = Long.toString(number);
        text.append("0000000", 0, 7 - digits.length()).append(digits);
    }

    /** Takes ranges in ascending order of their first number; they must not overlap. */
    static final class Builder {

        private long[] first;
        private long[] last;
        private int[] zone;
        private int[] operator;
        private int[] region;
        private int size;
        private final Map<ZoneId, Integer> zones = new HashMap<>();
        private final Map<String, Integer> operators = new HashMap<>();
        private final Map<String, Integer> regions = new HashMap<>();

        Builder(int expected) {
            int capacity = Math.max(expected, 16);
            first = new long[capacity];
            last = new long[capacity];
            zone = new int[capacity];
            operator = new int[capacity];
            region = new int[capacity];
        }

        Builder add(long firstNumber, long lastNumber, ZoneId zoneId, String operatorName, String regionName) {
            if (size > 0 && firstNumber <= last[size - 1]) {
                throw new IllegalArgumentException("range " + firstNumber + " is out of order or overlaps " + last[size - 1]);
            }
            if (size == first.length) {
                int grown = size * 2;
                first = Arrays.copyOf(first, grown);
                last = Arrays.copyOf(last, grown);
                zone = Arrays.copyOf(zone, grown);
                operator = Arrays.copyOf(operator, grown);
                region = Arrays.copyOf(region, grown);
            }
            first[size] = firstNumber;
            last[size] = lastNumber;
            zone[size] = zoneId == null ? -1 : zones.computeIfAbsent(zoneId, z -> zones.size());
            operator[size] = operators.computeIfAbsent(operatorName == null ? "" : operatorName, o -> operators.size());
            region[size] = regions.computeIfAbsent(regionName, r -> regions.size());
            size++;
            return this;
        }

        RangeIndex build() {
            return new RangeIndex(this);
        }
    }
}
