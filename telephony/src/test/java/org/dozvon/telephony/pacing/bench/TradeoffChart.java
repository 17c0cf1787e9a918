package org.dozvon.telephony.pacing.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.imageio.ImageIO;

/** The trade-off curve (occupancy against worst-seed abandon) as a PNG per scenario, drawn headless with Java 2D. */
final class TradeoffChart {

    private static final int W = 900;
    private static final int H = 600;
    private static final int LEFT = 70;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final double X_MAX = 0.10;

    private TradeoffChart() {
    }

    static void write(Path out, List<PacingBenchmark.Summary> curve, List<PacingBenchmark.Summary> rows)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        Set<String> scenarios = new LinkedHashSet<>();
        curve.forEach(s -> scenarios.add(s.scenario()));
        for (String scenario : scenarios) {
            draw(out.resolve("tradeoff-" + scenario + ".png"), scenario,
                    curve.stream().filter(s -> s.scenario().equals(scenario)).toList(),
                    rows.stream().filter(s -> s.scenario().equals(scenario)).toList());
        }
    }

    private static void draw(Path file, String scenario, List<PacingBenchmark.Summary> curve,
            List<PacingBenchmark.Summary> rows) throws IOException {
        double yMin = Math.floor(rows.stream().mapToDouble(PacingBenchmark.Summary::meanOccupancy).min().orElse(0.5) * 10)
                / 10 - 0.05;
        yMin = Math.max(0, yMin);
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.LIGHT_GRAY);
        for (int i = 0; i <= 10; i++) {
            int x = x(i * X_MAX / 10);
            g.drawLine(x, TOP, x, H - BOTTOM);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f%%", i * X_MAX * 10), x - 10, H - BOTTOM + 18);
            g.setColor(Color.LIGHT_GRAY);
        }
        for (double v = yMin; v <= 1.0001; v += 0.05) {
            int y = y(v, yMin);
            g.drawLine(LEFT, y, W - RIGHT, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f%%", v * 100), 20, y + 4);
            g.setColor(Color.LIGHT_GRAY);
        }
        g.setColor(Color.RED);
        g.drawLine(x(0.03), TOP, x(0.03), H - BOTTOM);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("Pacing trade-off, " + scenario + ": mean occupancy against worst-seed abandon", LEFT, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("worst-seed pacing abandon (red: 3 % limit)", W / 2 - 120, H - 20);
        line(g, curve, "B1-", new Color(0x1f77b4), yMin);
        line(g, curve, "B3-", new Color(0x2ca02c), yMin);
        int legend = 0;
        legend = legendEntry(g, legend, new Color(0x1f77b4), "B1 fixed ratio r = 1.00 …");
        legend = legendEntry(g, legend, new Color(0x2ca02c), "B3 operator oracle, κ tried");
        Color[] colours = {Color.GRAY, new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2),
            new Color(0x17becf), Color.ORANGE, Color.BLACK, Color.RED};
        int c = 0;
        for (PacingBenchmark.Summary s : rows) {
            if (s.policy().startsWith("B1") || s.policy().startsWith("B3")) {
                continue;
            }
            Color colour = colours[c++ % colours.length];
            g.setColor(colour);
            int x = x(Math.min(X_MAX, s.worstAbandon()));
            int y = y(s.meanOccupancy(), yMin);
            g.fillOval(x - 5, y - 5, 10, 10);
            legend = legendEntry(g, legend, colour, s.policy() + String.format(Locale.ROOT, " %.1f%%",
                    100 * s.meanOccupancy()));
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void line(Graphics2D g, List<PacingBenchmark.Summary> curve, String prefix, Color colour, double yMin) {
        List<PacingBenchmark.Summary> points = new ArrayList<>(curve.stream()
                .filter(s -> s.policy().startsWith(prefix)).toList());
        points.sort((a, b) -> Double.compare(a.worstAbandon(), b.worstAbandon()));
        g.setColor(colour);
        g.setStroke(new BasicStroke(2));
        int px = -1;
        int py = -1;
        for (PacingBenchmark.Summary s : points) {
            if (s.worstAbandon() > X_MAX) {
                break;
            }
            int x = x(s.worstAbandon());
            int y = y(s.meanOccupancy(), yMin);
            g.fillOval(x - 3, y - 3, 6, 6);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
        g.setStroke(new BasicStroke(1));
    }

    private static int legendEntry(Graphics2D g, int index, Color colour, String text) {
        int y = TOP + 20 + index * 18;
        g.setColor(colour);
        g.fillOval(W - RIGHT - 260, y - 9, 10, 10);
        g.setColor(Color.BLACK);
        g.drawString(text, W - RIGHT - 244, y);
        return index + 1;
    }

    private static int x(double abandon) {
        return LEFT + (int) Math.round(abandon / X_MAX * (W - LEFT - RIGHT));
    }

    private static int y(double occupancy, double yMin) {
        return H - BOTTOM - (int) Math.round((occupancy - yMin) / (1 - yMin) * (H - TOP - BOTTOM));
    }
}
