package io.newsstream.e2e;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Writes the harness's figures as a Markdown report ({@code results.md}) and a plot ({@code
 * results.png}: throughput of the pipeline, its ceiling and the scaling runs; the latency
 * distribution) into one directory.
 */
final class PerfReport {

    private PerfReport() {}

    static String markdown(
            String command,
            String machine,
            PerfArticles.Shares shares,
            PerfHarness.Result main,
            List<PerfHarness.Result> scaling,
            String loadBefore,
            String loadAfter) {
        StringBuilder md = new StringBuilder();
        md.append("Command: `").append(command).append("`\n\n");
        md.append("Machine: ").append(machine).append("\n\n");
        md.append("Load average before: ")
                .append(loadBefore)
                .append("; after: ")
                .append(loadAfter)
                .append("\n\n");
        md.append("Articles: ").append(shares.describe()).append("\n\n");
        md.append("| figure | value |\n|---|---|\n");
        row(
                md,
                "pipeline (producer -> streams-processor -> consumer -> PostgreSQL view), articles/s",
                "%.0f (%,d articles in %.1f s)",
                main.pipelineArticlesPerSecond(),
                main.articles(),
                main.pipelineSeconds());
        row(
                md,
                "producer alone (first to last record sent), articles/s",
                "%.0f",
                main.producerArticlesPerSecond());
        row(
                md,
                "ceiling: Kafka Streams pass-through, exactly_once_v2, same records, records/s",
                "%.0f (%,d records)",
                main.ceilingRecordsPerSecond(),
                main.ceilingRecords());
        row(md, "ratio pipeline / ceiling", "%.3f", main.ratio());
        latencyRow(md, main.config().latencyRate(), main.latenciesMillis());
        latencyRow(md, main.config().sustainedRate(), main.sustainedLatenciesMillis());
        row(
                md,
                "view: stories per news topic; duplicate links",
                "%s; %,d",
                main.viewStoriesPerNewsTopic(),
                main.viewDuplicates());
        row(
                md,
                "dead letters (counted, not fatal up to what the generator intends)",
                "%,d",
                main.deadLetters());
        md.append(
                "\n| stage (JVM) | CPU s (saturation run) | CPU s per 1,000 articles | peak RSS MiB |\n");
        md.append("|---|---|---|---|\n");
        double total = 0;
        for (PerfHarness.Stage s : main.stages()) {
            double per1k = s.cpuSeconds() * 1000.0 / main.articles();
            total += per1k;
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %.1f | %.2f | %s |%n",
                            s.name(),
                            s.cpuSeconds(),
                            per1k,
                            s.peakRssKiB() == 0 ? "-" : Long.toString(s.peakRssKiB() / 1024)));
        }
        md.append(
                String.format(
                        Locale.ROOT,
                        "| **all** | | **%.2f** (2 cores give 2.00 CPU-s per second: at most %.0f articles/s) | |%n",
                        total,
                        2000.0 / total));
        if (!scaling.isEmpty()) {
            md.append(
                    "\n| processor instances | raw partitions | articles | pipeline articles/s | processor CPU s per 1,000 |\n");
            md.append("|---|---|---|---|---|\n");
            for (PerfHarness.Result r : scaling) {
                double proc =
                        r.stages().stream()
                                .filter(s -> s.name().startsWith("streams-processor"))
                                .mapToDouble(PerfHarness.Stage::cpuSeconds)
                                .sum();
                md.append(
                        String.format(
                                Locale.ROOT,
                                "| %d | %d | %,d | %.0f | %.2f |%n",
                                r.config().processorInstances(),
                                r.config().rawPartitions(),
                                r.articles(),
                                r.pipelineArticlesPerSecond(),
                                proc * 1000 / r.articles()));
            }
        }
        return md.toString();
    }

    private static void latencyRow(StringBuilder md, int rate, long[] l) {
        if (l.length == 0) {
            return;
        }
        row(
                md,
                "latency produce -> visible in the view at "
                        + rate
                        + " articles/s offered ("
                        + l.length
                        + " records)",
                "p50 %d ms, p99 %d ms, max %d ms",
                ViewWatch.quantile(l, 0.5),
                ViewWatch.quantile(l, 0.99),
                l[l.length - 1]);
    }

    /** Every record's latency (ms, sorted), one per line, for other plots. */
    private static void writeLatencies(Path dir, int rate, long[] l) throws IOException {
        if (l.length > 0) {
            StringBuilder csv = new StringBuilder("latency_ms\n");
            for (long v : l) {
                csv.append(v).append('\n');
            }
            Files.writeString(
                    dir.resolve("latency-" + rate + "-per-s.csv"), csv, StandardCharsets.UTF_8);
        }
    }

    private static boolean addCdf(XYChart chart, int rate, long[] l) {
        if (l.length == 0) {
            return false;
        }
        int points = Math.min(l.length, 500);
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            double q = (i + 1) / (double) points;
            x[i] = Math.max(1, ViewWatch.quantile(l, q));
            y[i] = 100 * q;
        }
        chart.addSeries(
                String.format(
                        Locale.ROOT,
                        "%d/s: p50 %d, p99 %d, max %d ms",
                        rate,
                        ViewWatch.quantile(l, 0.5),
                        ViewWatch.quantile(l, 0.99),
                        l[l.length - 1]),
                x,
                y);
        return true;
    }

    private static void row(StringBuilder md, String name, String format, Object... args) {
        md.append("| ")
                .append(name)
                .append(" | ")
                .append(String.format(Locale.ROOT, format, args))
                .append(" |\n");
    }

    /** Writes results.md and results.png into {@code dir}; returns the PNG's path. */
    static Path write(
            Path dir, String markdown, PerfHarness.Result main, List<PerfHarness.Result> scaling)
            throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), markdown, StandardCharsets.UTF_8);
        writeLatencies(dir, main.config().latencyRate(), main.latenciesMillis());
        writeLatencies(dir, main.config().sustainedRate(), main.sustainedLatenciesMillis());

        CategoryChart throughput =
                new CategoryChartBuilder()
                        .width(800)
                        .height(500)
                        .title("Throughput (4 KiB articles)")
                        .xAxisTitle("")
                        .yAxisTitle("per second")
                        .build();
        throughput.getStyler().setLegendVisible(false);
        throughput.getStyler().setLabelsVisible(true);
        throughput.getStyler().setXAxisLabelRotation(20);
        throughput.getStyler().setDecimalPattern("#,###");
        throughput.getStyler().setYAxisDecimalPattern("#,###");
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        if (!Double.isNaN(main.ceilingRecordsPerSecond())) {
            names.add("ceiling (pass-through)");
            values.add(main.ceilingRecordsPerSecond());
        }
        names.add("pipeline");
        values.add(main.pipelineArticlesPerSecond());
        names.add("producer alone");
        values.add(main.producerArticlesPerSecond());
        for (PerfHarness.Result r : scaling) {
            names.add(
                    r.config().processorInstances()
                            + " proc, "
                            + r.config().rawPartitions()
                            + " part");
            values.add(r.pipelineArticlesPerSecond());
        }
        throughput.addSeries("per second", names, values);

        XYChart latency =
                new XYChartBuilder()
                        .width(800)
                        .height(500)
                        .title("Produce -> visible in the view (exactly-once)")
                        .xAxisTitle("latency (ms, log scale)")
                        .yAxisTitle("percentile")
                        .build();
        latency.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        latency.getStyler().setMarkerSize(0);
        latency.getStyler().setXAxisLogarithmic(true);
        latency.getStyler().setXAxisDecimalPattern("#,###");
        latency.getStyler().setYAxisMin(0.0);
        latency.getStyler().setYAxisMax(100.0);
        latency.getStyler().setYAxisDecimalPattern("#");
        boolean anyLatency = addCdf(latency, main.config().latencyRate(), main.latenciesMillis());
        anyLatency |=
                addCdf(latency, main.config().sustainedRate(), main.sustainedLatenciesMillis());
        boolean latencyChart = anyLatency;
        BufferedImage image = new BufferedImage(1600, 500, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        throughput.paint(g, 800, 500);
        g.translate(800, 0);
        if (latencyChart) {
            latency.paint(g, 800, 500);
        }
        g.dispose();
        Path png = dir.resolve("results.png");
        ImageIO.write(image, "png", png.toFile());
        return png;
    }
}
