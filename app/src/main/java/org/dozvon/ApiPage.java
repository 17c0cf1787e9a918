package org.dozvon;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One page of a list answered by {@code /api/v1}: the items and the cursor of the next page, null on the last one.
 * Every list of the API pages this way: {@code ?limit=} (default {@value #DEFAULT_LIMIT}, at most
 * {@value #MAX_LIMIT}) and {@code ?cursor=} (the {@code nextCursor} of the page before, opaque to the caller).
 */
public record ApiPage<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** The page size asked for, held within 1..{@value #MAX_LIMIT}; the default when none was asked. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw new InvalidRequest("limit", "api.limit.range", requested, MAX_LIMIT);
        }
        return requested;
    }

    /**
     * The page of {@code rows}, read as {@code limit + 1} rows after the cursor: the extra row, when there is one,
     * only says that a next page exists; its cursor is the key of the last row kept.
     *
     * @param key the values that order the rows (a keyset), last row's values become the next cursor
     */
    public static <R, T> ApiPage<T> of(List<R> rows, int limit, Function<R, T> item, Function<R, Object[]> key) {
        boolean more = rows.size() > limit;
        List<R> kept = more ? rows.subList(0, limit) : rows;
        return new ApiPage<>(kept.stream().map(item).toList(),
                more ? ApiCursor.encode(key.apply(kept.get(kept.size() - 1))) : null);
    }

    /** A whole, small list (reference data) as one page with no next. */
    public static <T> ApiPage<T> all(List<T> items) {
        return new ApiPage<>(items, null);
    }

    /**
     * A page of a list read whole (reference data: tens or hundreds of rows), in ascending order of the numeric
     * {@code id}: the rows after the cursor's id, at most {@code limit} (see {@link #limit}).
     */
    public static <R, T> ApiPage<T> byId(List<R> rows, String cursor, Integer limit, ToLongFunction<R> id,
                                         Function<R, T> item) {
        int size = limit(limit);
        Long after = ApiCursor.decodeId(cursor);
        List<R> page = rows.stream().filter(row -> after == null || id.applyAsLong(row) > after)
                .sorted(Comparator.comparingLong(id)).limit(size + 1L).toList();
        return of(page, size, item, row -> new Object[] {id.applyAsLong(row)});
    }

    /** As {@link #byId}, for a list whose stable order is a text key (a code), ascending. */
    public static <R, T> ApiPage<T> byKey(List<R> rows, String cursor, Integer limit, Function<R, String> key,
                                          Function<R, T> item) {
        int size = limit(limit);
        List<Object> keys = ApiCursor.decode(cursor, 1);
        if (keys != null && !(keys.get(0) instanceof String)) {
            throw new InvalidRequest("cursor", "api.cursor.invalid");
        }
        String after = keys == null ? null : (String) keys.get(0);
        List<R> page = rows.stream().filter(row -> after == null || key.apply(row).compareTo(after) > 0)
                .sorted(Comparator.comparing(key)).limit(size + 1L).toList();
        return of(page, size, item, row -> new Object[] {key.apply(row)});
    }
}
