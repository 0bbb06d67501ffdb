package org.bootlab.app.timeline;

import javafx.scene.paint.Color;

/**
 * What the timeline renderer draws with: a Canvas on screen and for PNG export, SVG text for
 * vector export, a counter in the benchmark. Coordinates in pixels from the top left.
 */
public interface ChartPainter {

    void fillRect(double x, double y, double w, double h, Color color);

    void strokeRect(double x, double y, double w, double h, Color color, double lineWidth);

    void line(double x1, double y1, double x2, double y2, Color color, double lineWidth);

    /** Text with its baseline at y; the caller has already cut it to fit. */
    void text(String text, double x, double y, Color color, boolean bold);

    /** Limits drawing to a rectangle until {@link #endClip()}. */
    void clip(double x, double y, double w, double h);

    void endClip();
}
