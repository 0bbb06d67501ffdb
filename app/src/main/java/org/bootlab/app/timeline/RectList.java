package org.bootlab.app.timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.scene.paint.Color;

/** Coloured blocks on rows, kept to be drawn again (the overview strip between data changes). */
final class RectList {

    private double[] x = new double[256];
    private double[] w = new double[256];
    private int[] row = new int[256];
    private final List<Color> colors = new ArrayList<>();
    private int size;

    void clear() {
        size = 0;
        colors.clear();
    }

    /** Adds a block; one that continues the last block of its row in the same colour extends it. */
    void add(double left, double width, int r, Color color) {
        for (int k = size - 1; k >= 0 && k >= size - 32; k--) {
            if (row[k] == r) {
                if (colors.get(k) == color && Math.abs(x[k] + w[k] - left) < 0.5) {
                    w[k] = left + width - x[k];
                    return;
                }
                break;
            }
        }
        if (size == x.length) {
            x = Arrays.copyOf(x, size * 2);
            w = Arrays.copyOf(w, size * 2);
            row = Arrays.copyOf(row, size * 2);
        }
        x[size] = left;
        w[size] = width;
        row[size] = r;
        colors.add(color);
        size++;
    }

    /** Draws the blocks, row r at y = top + r * rowHeight, shifted right by {@code left}. */
    void paint(ChartPainter p, double left, double top, double rowHeight) {
        for (int i = 0; i < size; i++) {
            p.fillRect(left + x[i], top + row[i] * rowHeight, w[i], rowHeight, colors.get(i));
        }
    }
}
