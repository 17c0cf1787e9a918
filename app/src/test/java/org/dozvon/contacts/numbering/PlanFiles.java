package org.dozvon.contacts.numbering;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/** Builds numbering-plan files as the regulator publishes them, for tests. */
final class PlanFiles {

    /** The header of the published files, with its odd space after the slash. */
    static final String HEADER = "АВС/ DEF;От;До;Емкость;Оператор;Регион;ИНН";

    private final List<String> lines = new ArrayList<>();

    private PlanFiles(String header) {
        lines.add(header);
    }

    static PlanFiles withHeader(String header) {
        return new PlanFiles(header);
    }

    static PlanFiles standard() {
        return new PlanFiles(HEADER);
    }

    /** A good row: capacity computed, as the regulator writes it. */
    PlanFiles range(int code, int from, int to, String operator, String region, String inn) {
        return line(String.format("%03d;%07d;%07d;%d;%s;%s;%s", code, from, to, to - from + 1, operator, region, inn));
    }

    PlanFiles line(String line) {
        lines.add(line);
        return this;
    }

    String text() {
        return String.join("\r\n", lines) + "\r\n";
    }

    byte[] bytes(Charset charset) {
        return text().getBytes(charset);
    }

    /** Some ranges of a code, {@code count} blocks of 10,000 numbers from {@code 0000000}, in one region. */
    PlanFiles blocks(int code, int count, String operator, String region, String inn) {
        for (int i = 0; i < count; i++) {
            range(code, i * 10_000, i * 10_000 + 9_999, operator, region, inn);
        }
        return this;
    }
}
