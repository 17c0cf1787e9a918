package org.dozvon.imports;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.dozvon.contacts.ContactValues;
import org.dozvon.contacts.ContactsProperties;
import org.dozvon.contacts.FieldType;
import org.dozvon.contacts.ListSchema;
import org.dozvon.contacts.PhoneNumbers;
import org.dozvon.contacts.ZoneResolution;
import org.dozvon.contacts.ZoneSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.JobInterruptedException;
import org.springframework.batch.item.ExecutionContext;

class CheckingRowReaderTests {

    private static final int CHUNK = 10;
    private static final ListSchema SCHEMA = new ListSchema(1, "Debtors", List.of(
            new ListSchema.Field(1, "name", "Name", FieldType.TEXT, null, false, false, 1),
            new ListSchema.Field(2, "phone", "Phone", FieldType.PHONE, null, false, false, 2)));
    private static final ContactValues VALUES = new ContactValues(new PhoneNumbers(new ContactsProperties("RU")),
            (e164, explicitZone, campaignDefault) -> new ZoneResolution(ZoneId.of("Asia/Yekaterinburg"),
                    ZoneSource.NUMBERING_RANGE, "test"), new ObjectMapper());

    @TempDir
    Path folder;

    @Test
    void restartsAfterTheLastCommittedChunkNotAfterTheRowsCheckedAhead() throws Exception {
        Path file = contacts(95);
        List<Long> imported = new ArrayList<>();
        ExecutionContext context = new ExecutionContext();

        // the first run commits three chunks, takes half of the fourth and dies; its thread has read further
        CheckingRowReader first = reader(file, 40);
        first.open(context);
        for (int chunk = 0; chunk < 3; chunk++) {
            imported.addAll(readChunk(first));
            first.update(context);
        }
        for (int i = 0; i < CHUNK / 2; i++) {
            first.read();
        }
        first.close();

        CheckingRowReader restarted = reader(file, 40);
        restarted.open(context);
        List<Long> chunk;
        do {
            chunk = readChunk(restarted);
            imported.addAll(chunk);
            restarted.update(context);
        } while (chunk.size() == CHUNK);
        restarted.close();

        assertThat(imported).containsExactlyElementsOf(LongStream.rangeClosed(2, 96).boxed().toList());
    }

    @Test
    void resumesARunWhosePositionTheFileReaderSaved() throws Exception {
        Path file = contacts(50);
        ExecutionContext context = new ExecutionContext();
        TabularFileItemReader before = new TabularFileItemReader("importFile", file, "contacts.csv", ReadOptions.DEFAULTS);
        before.open(context);
        for (int i = 0; i < 20; i++) {
            before.read();
        }
        before.update(context);
        before.close();

        CheckingRowReader after = reader(file, 40);
        after.open(context);
        assertThat(after.read().number()).as("the 21st data row, the file's row 22").isEqualTo(22);
        after.close();
    }

    @Test
    void handsOverEachRowCheckedAgainstTheListOrWithItsOwnProblem() throws Exception {
        Path file = TestFiles.text(folder, "contacts.csv", """
                name;phone
                Иванов;8 (912) 345-67-89
                Петров;8-800
                Сидоров;+79123456780;extra
                """, UTF_8);
        CheckingRowReader reader = reader(file, 2);
        reader.open(new ExecutionContext());

        CheckedRow good = reader.read();
        assertThat(good.problem()).isNull();
        assertThat(good.contact().valid()).isTrue();
        assertThat(good.contact().phones()).singleElement().satisfies(phone -> {
            assertThat(phone.e164()).isEqualTo("+79123456789");
            assertThat(phone.timeZone()).isEqualTo("Asia/Yekaterinburg");
        });
        CheckedRow badPhone = reader.read();
        assertThat(badPhone.number()).isEqualTo(3);
        assertThat(badPhone.contact().problems()).singleElement()
                .satisfies(problem -> assertThat(problem.fieldCode()).isEqualTo("phone"));
        CheckedRow badRow = reader.read();
        assertThat(badRow.number()).isEqualTo(4);
        assertThat(badRow.problem()).isNotBlank();
        assertThat(badRow.contact()).isNull();
        assertThat(reader.read()).isNull();
        assertThat(reader.read()).isNull();
        assertThat(reader.columns().column("phone")).isEqualTo("phone");
        reader.close();
    }

    @Test
    void aBrokenFileFailsAtItsRowAfterTheGoodRowsBeforeIt() throws Exception {
        // far enough into the file that the reader's buffers do not see it when it opens
        StringBuilder content = new StringBuilder("name;phone\n");
        for (int i = 1; i <= 30_000; i++) {
            content.append(i == 20_000 ? "\"Contact\"x;+79120000000" : "Contact " + i + ";+7912" + String.format("%07d", i))
                    .append('\n');
        }
        Path file = TestFiles.text(folder, "broken.csv", content.toString(), UTF_8);
        TabularFileItemReader plain = new TabularFileItemReader("importFile", file, "broken.csv", ReadOptions.DEFAULTS);
        plain.open(new ExecutionContext());
        long before = 0;
        try {
            while (plain.read() != null) {
                before++;
            }
        } catch (TabularFileException expected) {
            // the file reader's own view: this many rows, then the failure
        }
        plain.close();

        CheckingRowReader reader = reader(file, 5);
        reader.open(new ExecutionContext());
        long good = 0;
        try {
            while (reader.read() != null) {
                good++;
            }
            throw new AssertionError("the broken row was read");
        } catch (TabularFileException expected) {
            assertThat(expected).hasMessageContaining("line 20001");
        }
        assertThat(good).isEqualTo(before).isGreaterThan(10_000);
        assertThat(reader.read()).as("nothing after the failure").isNull();
        reader.close();
    }

    @Test
    void closesWhileItsThreadWaitsForTheStepToTakeRows() throws Exception {
        CheckingRowReader reader = reader(contacts(500), 3);
        reader.open(new ExecutionContext());
        assertThat(reader.read()).isNotNull();
        reader.close(); // returns: the checking thread is stopped, the file closed

        CheckingRowReader again = reader(contacts(500), 3);
        again.open(new ExecutionContext());
        assertThat(again.read().number()).isEqualTo(2);
        again.close();
    }

    @Test
    void aStepThreadInterruptedWhileWaitingForRowsStopsTheStepInsteadOfFailingIt() throws Exception {
        CheckingRowReader reader = reader(contacts(50), 3);
        reader.open(new ExecutionContext());
        try {
            Thread.currentThread().interrupt(); // what a shutdown does to the import's thread

            assertThatThrownBy(reader::read).isInstanceOf(JobInterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).as("the step can still save its position").isFalse();
        } finally {
            Thread.interrupted();
            reader.close();
        }
    }

    private Path contacts(int rows) {
        StringBuilder content = new StringBuilder("name;phone\n");
        for (int i = 1; i <= rows; i++) {
            content.append("Contact ").append(i).append(";+7912").append(String.format("%07d", i)).append('\n');
        }
        return TestFiles.text(folder, "contacts.csv", content.toString(), UTF_8);
    }

    private static CheckingRowReader reader(Path file, int readAhead) {
        return new CheckingRowReader(new TabularFileItemReader("importFile", file, "contacts.csv", ReadOptions.DEFAULTS),
                SCHEMA, new ImportMapping(Map.of("name", "name", "phone", "phone")), VALUES, readAhead, "test-check");
    }

    private static List<Long> readChunk(CheckingRowReader reader) throws Exception {
        List<Long> numbers = new ArrayList<>();
        for (int i = 0; i < CHUNK; i++) {
            CheckedRow row = reader.read();
            if (row == null) {
                break;
            }
            assertThat(row.contact().valid()).isTrue();
            numbers.add(row.number());
        }
        return numbers;
    }
}
