package org.bootlab.app.timeline;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/** Draws onto a JavaFX Canvas. */
public final class CanvasPainter implements ChartPainter {

    private final GraphicsContext g;
    private final Font regular;
    private final Font bold;
    private Font current;

    public CanvasPainter(GraphicsContext g, double fontSize) {
        this.g = g;
        this.regular = Font.font("System", fontSize);
        this.bold = Font.font("System", FontWeight.BOLD, fontSize);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
        g.setFont(regular);
        current = regular;
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Color color) {
        g.setFill(color);
        g.fillRect(x, y, w, h);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, Color color, double lineWidth) {
        g.setStroke(color);
        g.setLineWidth(lineWidth);
        g.strokeRect(x, y, w, h);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Color color, double lineWidth) {
        g.setStroke(color);
        g.setLineWidth(lineWidth);
        g.strokeLine(x1, y1, x2, y2);
    }

    @Override
    public void text(String text, double x, double y, Color color, boolean emphasis) {
        Font f = emphasis ? bold : regular;
        if (f != current) {
            g.setFont(f);
            current = f;
        }
        g.setFill(color);
        g.fillText(text, x, y);
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        g.save();
        g.beginPath();
        g.rect(x, y, w, h);
        g.clip();
    }

    @Override
    public void endClip() {
        g.restore();
        g.setFont(current);
    }
}
