package org.dozvon.contacts.numbering;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The time zone of a Russian region as the plan files spell it, from the mapping that ships with Dozvon
 * ({@code contacts/russian-regions-time-zones.csv}). Spellings vary ("Калининградская обл.",
 * "Республика Саха /Якутия/", "Ханты - Мансийский - Югра АО"), so names are compared by their
 * distinctive words: letter case, ё, punctuation, word order and the generic words (область, край,
 * республика, автономный округ, г., район and their abbreviations) do not count.
 *
 * <p>When the whole name is unknown: a name made of {@code |}-separated parts (locality|region) is tried
 * part by part, most specific first; "X - Y" is tried as X; "X и Y" gets a zone when every part has the
 * same one.
 */
final class RegionTimeZones {

    static final String RESOURCE = "contacts/russian-regions-time-zones.csv";

    private static final Set<String> GENERIC = Set.of("область", "обл", "край", "кр", "республика", "респ", "р",
            "автономный", "автономная", "авт", "округ", "окр", "ао", "аобл", "г", "гор", "город", "и", "район", "н",
            "рн", "улус", "федерального", "значения");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern DASH = Pattern.compile("\\s+[-–—]\\s+");
    private static final Pattern AND = Pattern.compile("(?iu)\\s+и\\s+");

    private final Map<String, ZoneId> zones;

    private RegionTimeZones(Map<String, ZoneId> zones) {
        this.zones = Map.copyOf(zones);
    }

    /** The mapping that ships with Dozvon. */
    static RegionTimeZones bundled() {
        try (InputStream in = RegionTimeZones.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines {@code zone;region}, {@code #} comments; two spellings of one region with different zones are an error. */
    static RegionTimeZones read(BufferedReader reader) throws IOException {
        Map<String, ZoneId> zones = new HashMap<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int separator = text.indexOf(';');
            if (separator < 0) {
                throw new IllegalStateException(RESOURCE + " line " + number + ": expected 'zone;region'");
            }
            ZoneId zone = ZoneId.of(text.substring(0, separator).strip());
            String key = key(text.substring(separator + 1));
            ZoneId earlier = zones.putIfAbsent(key, zone);
            if (earlier != null && !earlier.equals(zone)) {
                throw new IllegalStateException(RESOURCE + " line " + number + ": '" + key + "' is already " + earlier);
            }
        }
        return new RegionTimeZones(zones);
    }

    /** The zone of the region, or empty when the mapping does not know it. */
    Optional<ZoneId> zoneOf(String region) {
        if (region == null || region.isBlank()) {
            return Optional.empty();
        }
        if (region.indexOf('|') >= 0) {
            for (String part : region.split("\\|")) {
                Optional<ZoneId> zone = zoneOfPart(part);
                if (zone.isPresent()) {
                    return zone;
                }
            }
            return Optional.empty();
        }
        return zoneOfPart(region);
    }

    /** Every zone the mapping gives. */
    Set<ZoneId> zones() {
        return Set.copyOf(zones.values());
    }

    private Optional<ZoneId> zoneOfPart(String name) {
        Optional<ZoneId> zone = lookUp(name);
        if (zone.isPresent()) {
            return zone;
        }
        String[] parts = AND.split(name);
        if (parts.length > 1) {
            ZoneId common = null;
            for (String part : parts) {
                Optional<ZoneId> partZone = lookUp(part);
                if (partZone.isEmpty() || common != null && !common.equals(partZone.get())) {
                    return Optional.empty();
                }
                common = partZone.get();
            }
            return Optional.of(common);
        }
        return Optional.empty();
    }

    private Optional<ZoneId> lookUp(String name) {
        ZoneId zone = zones.get(key(name));
        if (zone == null) {
            String[] dashed = DASH.split(name.strip(), 2);
            if (dashed.length == 2) {
                zone = zones.get(key(dashed[0]));
            }
        }
        return Optional.ofNullable(zone);
    }

    /** The distinctive words of a region's name, sorted: "Калининградская обл." and "область Калининградская" meet. */
    static String key(String name) {
        String text = name.toLowerCase(Locale.ROOT).replace('ё', 'е');
        TreeSet<String> words = new TreeSet<>();
        Arrays.stream(NON_WORD.split(text)).filter(word -> !word.isEmpty() && !GENERIC.contains(word)).forEach(words::add);
        return String.join(" ", words);
    }
}
