package org.bootlab.app.timeline;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** The chart as a picture: PNG of what is on screen, SVG of the charts redrawn as vectors. */
public final class ChartExport {

    private ChartExport() {
    }

    /** Writes a PNG of {@code node} as shown (call on the FX thread). */
    public static void png(Node node, Path file) throws IOException {
        WritableImage image = node.snapshot(null, null);
        writePng(image, file);
    }

    /** Writes a JavaFX image as PNG. */
    public static void writePng(WritableImage image, Path file) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        if (!ImageIO.write(png, "png", file.toFile())) {
            throw new IOException("this Java runtime has no PNG writer");
        }
    }

    /**
     * Writes an SVG of {@code charts} stacked top to bottom: each the width it has on screen and
     * tall enough for all its rows, over the time window shown.
     */
    public static void svg(List<FlameChart> charts, Path file) throws IOException {
        Files.writeString(file, svg(charts), StandardCharsets.UTF_8);
    }

    static String svg(List<FlameChart> charts) {
        double width = 0;
        double height = 0;
        for (FlameChart c : charts) {
            width = Math.max(width, Math.max(400, c.chartViewWidth()));
            height += c.renderer().preferredHeight();
        }
        SvgPainter svg = new SvgPainter(width, height, TimelineRenderer.FONT_SIZE);
        double y = 0;
        for (FlameChart c : charts) {
            TimelineRenderer r = c.renderer();
            double scroll = r.scrollY();
            double h = r.preferredHeight();
            r.setScrollY(0, h);
            svg.beginGroup(y);
            r.paint(svg, width, h);
            svg.endGroup();
            r.setScrollY(scroll, c.getHeight());
            y += h;
        }
        return svg.document();
    }
}
