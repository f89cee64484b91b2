package org.hotline.appraisal.rest;

import java.util.List;
import java.util.Locale;

/** Small, dependency-free SVG charts (line and bar) for the console: labels escaped, sizes fixed, no script. */
final class SvgChart {

    private static final int W = 720;
    private static final int H = 320;
    private static final int LEFT = 56;
    private static final int BOTTOM = 60;
    private static final int TOP = 36;

    /** One labelled value; null values are gaps. */
    record Point(String label, Double value) {
    }

    private SvgChart() {
    }

    static String line(String title, String unit, List<Point> points) {
        StringBuilder svg = frame(title, unit, max(points));
        double max = max(points);
        int n = points.size();
        StringBuilder path = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < n; i++) {
            Point p = points.get(i);
            if (p.value() == null) {
                pen = false;
                continue;
            }
            double x = LEFT + (n == 1 ? (W - LEFT - 20) / 2.0 : i * (W - LEFT - 20) / (double) (n - 1));
            double y = TOP + (H - TOP - BOTTOM) * (1 - p.value() / max);
            path.append(pen ? " L" : " M").append(fmt(x)).append(' ').append(fmt(y));
            pen = true;
            svg.append("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y)).append("\" r=\"3\" fill=\"#1f77b4\">")
                    .append("<title>").append(esc(p.label())).append(": ").append(fmt(p.value())).append("</title></circle>");
            label(svg, x, p.label(), i, n);
        }
        svg.append("<path d=\"").append(path.toString().trim()).append("\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\"/>");
        return svg.append("</svg>").toString();
    }

    static String bars(String title, String unit, List<Point> points, List<String> colours) {
        double max = max(points);
        StringBuilder svg = frame(title, unit, max);
        int n = Math.max(1, points.size());
        double slot = (W - LEFT - 20) / (double) n;
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double v = p.value() == null ? 0 : p.value();
            double h = (H - TOP - BOTTOM) * v / max;
            double x = LEFT + i * slot + slot * 0.15;
            String colour = colours == null ? "#1f77b4" : colours.get(i);
            svg.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(H - BOTTOM - h)).append("\" width=\"")
                    .append(fmt(slot * 0.7)).append("\" height=\"").append(fmt(h)).append("\" fill=\"").append(colour)
                    .append("\"><title>").append(esc(p.label())).append(": ")
                    .append(p.value() == null ? "–" : fmt(p.value())).append("</title></rect>");
            label(svg, x + slot * 0.35, p.label(), i, points.size());
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder frame(String title, String unit, double max) {
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W + "\" height=\"" + H
                + "\" viewBox=\"0 0 " + W + " " + H + "\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\">");
        svg.append("<title>").append(esc(title)).append("</title>");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"20\" font-size=\"14\">").append(esc(title)).append("</text>");
        for (int i = 0; i <= 4; i++) {
            double y = TOP + (H - TOP - BOTTOM) * i / 4.0;
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(W - 20).append("\" y1=\"").append(fmt(y))
                    .append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#ddd\"/>");
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(y + 4)).append("\" text-anchor=\"end\">")
                    .append(fmt(max * (4 - i) / 4.0)).append("</text>");
        }
        svg.append("<text x=\"8\" y=\"").append(TOP - 8).append("\">").append(esc(unit)).append("</text>");
        return svg;
    }

    private static void label(StringBuilder svg, double x, String label, int i, int n) {
        int every = Math.max(1, n / 12);
        if (i % every == 0) {
            svg.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(H - BOTTOM + 14)
                    .append("\" text-anchor=\"end\" transform=\"rotate(-35 ").append(fmt(x)).append(' ')
                    .append(H - BOTTOM + 14).append(")\">").append(esc(label)).append("</text>");
        }
    }

    private static double max(List<Point> points) {
        double max = points.stream().filter(p -> p.value() != null).mapToDouble(Point::value).max().orElse(0);
        return max <= 0 ? 1 : max * 1.1;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.?0+$", "");
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
