package org.dozvon.imports;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.item.ExecutionContext;

class TabularFileItemReaderTests {

    private static final int CHUNK = 10;

    @TempDir
    Path folder;

    @Test
    void restartsAfterTheLastCommittedChunkWithNoRowLostOrReadTwice() throws Exception {
        StringBuilder content = new StringBuilder("name;phone\n");
        for (int i = 1; i <= 95; i++) {
            // a blank line now and then: row numbers have gaps, items do not
            content.append(i % 17 == 0 ? "\n" : "Contact " + i + ";79" + String.format("%09d", i) + "\n");
        }
        Path file = TestFiles.text(folder, "contacts.csv", content.toString(), UTF_8);
        List<Long> imported = new ArrayList<>();
        ExecutionContext context = new ExecutionContext();

        // the first run commits three chunks, reads half of the fourth and dies
        var first = reader(file);
        first.open(context);
        assertThat(first.header()).containsExactly("name", "phone");
        for (int chunk = 0; chunk < 3; chunk++) {
            imported.addAll(readChunk(first));
            first.update(context);
        }
        for (int i = 0; i < CHUNK / 2; i++) {
            first.read();
        }
        first.close();

        // the restart opens a new reader with the context of the last commit
        var restarted = reader(file);
        restarted.open(context);
        List<Long> chunk;
        do {
            chunk = readChunk(restarted);
            imported.addAll(chunk);
            restarted.update(context);
        } while (chunk.size() == CHUNK);
        restarted.close();

        List<Long> everyRow = LongStream.rangeClosed(2, 96).filter(number -> (number - 1) % 17 != 0).boxed().toList();
        assertThat(imported).hasSize(90).containsExactlyElementsOf(everyRow);
    }

    private static TabularFileItemReader reader(Path file) {
        return new TabularFileItemReader("contacts", file, "contacts.csv", ReadOptions.DEFAULTS);
    }

    private static List<Long> readChunk(TabularFileItemReader reader) {
        List<Long> numbers = new ArrayList<>();
        for (int i = 0; i < CHUNK; i++) {
            TabularRow row;
            try {
                row = reader.read();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (row == null) {
                break;
            }
            numbers.add(row.number());
        }
        return numbers;
    }
}
