package org.dozvon.web;

import java.util.Arrays;
import java.util.function.Function;

import org.dozvon.ApiPage;

/**
 * One value of a dictionary of {@code /api/v1/dictionaries/...}: the code the API reads and writes, and its name in
 * the request's language ({@code Accept-Language: ru} or {@code en}).
 */
public record DictionaryEntry(String code, String name) {

    /** Every constant of an enum in declaration order, named by the message of {@code messageKey}, as one page. */
    public static <E extends Enum<E>> ApiPage<DictionaryEntry> of(E[] values, Function<E, String> messageKey,
                                                                 Problems problems) {
        return ApiPage.all(Arrays.stream(values)
                .map(value -> new DictionaryEntry(value.name(), problems.message(messageKey.apply(value)))).toList());
    }
}
