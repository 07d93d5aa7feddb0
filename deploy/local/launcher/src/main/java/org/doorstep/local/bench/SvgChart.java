package org.doorstep.local.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The run over time as a plain SVG: end-to-end latency (p50, p99, max) of the postings accepted in each
 * second on top, consumer lag of each group and topic below, sharing the time axis. Written by hand: two
 * panels of polylines need no library.
 */
final class SvgChart {

    private static final int WIDTH = 960;
    private static final int PANEL = 260;
    private static final int LEFT = 80;
    private static final int RIGHT = 260;
    private static final int TOP = 40;
    private static final int GAP = 70;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};

    static String render(BenchResult result) {
        StringBuilder svg = new StringBuilder();
        int height = TOP + PANEL * 2 + GAP + 50;
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">Doorstep bench %s: %,d seekers, %d postings/s for %d s</text>%n",
                LEFT, result.runId(), result.options().seekers(), result.options().rate(), result.options().seconds()));
        double maxSecond = Math.max(1, Math.max(result.loadSeconds() + result.drainSeconds(),
                result.samples().isEmpty() ? 0 : result.samples().getLast().second()));

        Map<String, List<double[]>> latency = new TreeMap<>();
        latency.put("max", points(result, h -> h.getMaxValue()));
        latency.put("p99", points(result, h -> h.getValueAtPercentile(99)));
        latency.put("p50", points(result, h -> h.getValueAtPercentile(50)));
        panel(svg, TOP, "HTTP 201 -> SSE latency (ms) by second of acceptance", latency, maxSecond);

        Map<String, List<double[]>> lag = new TreeMap<>();
        for (Timeline.Sample sample : result.samples()) {
            sample.kafka().lag().forEach((key, value) -> lag.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {sample.second(), value}));
        }
        lag.values().removeIf(series -> series.stream().allMatch(p -> p[1] == 0));
        panel(svg, TOP + PANEL + GAP, "consumer lag (records) by group / topic", lag, maxSecond);
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">seconds since the load started</text>%n", LEFT + 250, height - 10));
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** One point a second: the latency (ms) of the postings accepted in that second that were delivered. */
    private static List<double[]> points(BenchResult result, ToDoubleFunction<org.HdrHistogram.Histogram> value) {
        List<double[]> points = new ArrayList<>();
        double end = result.postings().stream().mapToDouble(BenchResult.Posting::second).max().orElse(0);
        for (int second = 0; second <= end; second++) {
            BenchResult.Window window = result.window(second, second + 1);
            if (window.latency().getTotalCount() > 0) {
                points.add(new double[] {second + 0.5, value.applyAsDouble(window.latency()) / 1e3});
            }
        }
        return points;
    }

    private static void panel(StringBuilder svg, int top, String title, Map<String, List<double[]>> series, double maxX) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        double maxY = series.values().stream().flatMap(List::stream).mapToDouble(p -> p[1]).max().orElse(1);
        maxY = niceCeiling(Math.max(maxY, 1));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", LEFT, top - 8, title));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                LEFT, top, plotWidth, PANEL));
        for (int i = 0; i <= 4; i++) {
            double y = top + PANEL - PANEL * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>%n", LEFT, y, LEFT + plotWidth, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4, label(maxY * i / 4)));
        }
        for (int i = 0; i <= 5; i++) {
            double x = LEFT + plotWidth * i / 5.0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, top + PANEL + 16, label(maxX * i / 5)));
        }
        int colour = 0;
        int legendY = top + 14;
        for (Map.Entry<String, List<double[]>> entry : series.entrySet()) {
            String stroke = COLOURS[colour++ % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (double[] p : entry.getValue()) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + plotWidth * Math.min(p[0], maxX) / maxX,
                        top + PANEL - PANEL * Math.min(p[1], maxY) / maxY));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n", stroke, points.toString().trim()));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                    LEFT + plotWidth + 12, legendY - 4, LEFT + plotWidth + 30, legendY - 4, stroke));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + plotWidth + 36, legendY, escape(entry.getKey())));
            legendY += 16;
        }
    }

    static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String label(double value) {
        return value >= 10_000 ? String.format(Locale.ROOT, "%.0fk", value / 1000)
                : value >= 100 || value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
