package org.bootlab.app.timeline;

import java.util.Locale;
import javafx.scene.paint.Color;

/** Writes what is drawn as an SVG document: the chart's vector export. */
public final class SvgPainter implements ChartPainter {

    private final StringBuilder svg = new StringBuilder();
    private final double fontSize;
    private int clips;
    private boolean clipOpen;

    public SvgPainter(double width, double height, double fontSize) {
        this.fontSize = fontSize;
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
                        + "font-family=\"sans-serif\" font-size=\"%.0f\">%n", width, height, width, height, fontSize));
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Color color) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"%s/>%n",
                x, y, w, h, hex(color), opacity("fill-opacity", color)));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, Color color, double lineWidth) {
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n",
                x, y, w, h, hex(color), lineWidth, opacity("stroke-opacity", color)));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color color, double lineWidth) {
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n",
                x1, y1, x2, y2, hex(color), lineWidth, opacity("stroke-opacity", color)));
    }

    @Override
    public void text(String text, double x, double y, Color color, boolean bold) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" fill=\"%s\"%s>%s</text>%n", x, y, hex(color),
                bold ? " font-weight=\"bold\"" : "", escape(text)));
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        clips++;
        svg.append(String.format(Locale.ROOT,
                "<clipPath id=\"c%d\"><rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"/></clipPath><g clip-path=\"url(#c%d)\">%n",
                clips, x, y, w, h, clips));
        clipOpen = true;
    }

    @Override
    public void endClip() {
        if (clipOpen) {
            svg.append("</g>\n");
            clipOpen = false;
        }
    }

    /** Starts a group drawn {@code dy} pixels lower (the next chart of a stack), until {@link #endGroup()}. */
    public void beginGroup(double dy) {
        svg.append(String.format(Locale.ROOT, "<g transform=\"translate(0,%.2f)\">%n", dy));
    }

    public void endGroup() {
        endClip();
        svg.append("</g>\n");
    }

    /** The finished document. */
    public String document() {
        endClip();
        return svg + "</svg>\n";
    }

    public double fontSize() {
        return fontSize;
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }

    private static String opacity(String attribute, Color c) {
        return c.getOpacity() >= 1 ? "" : String.format(Locale.ROOT, " %s=\"%.2f\"", attribute, c.getOpacity());
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (ch >= 0x20 || ch == '\t') {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }
}
