package org.bootlab.app.timeline;

import javafx.scene.paint.Color;

/**
 * The chart's colours. Colours of names come from a hash of the text, so the same function or
 * subsystem has the same colour in every trace of a comparison.
 */
public final class Palette {

    final Color background;
    final Color laneBackground;
    final Color grid;
    final Color text;
    final Color textOnFrame;
    final Color mutedText;
    final Color selection;
    final Color hover;
    final Color viewport;
    final Color marker;
    final Color console;
    final Color trap;
    final Color interrupt;
    final Color virtio;
    final Color tslog;
    final Color outside;
    final boolean dark;

    private Palette(boolean dark) {
        this.dark = dark;
        background = dark ? Color.web("#0d1117") : Color.web("#ffffff");
        laneBackground = dark ? Color.web("#161b22") : Color.web("#f6f8fa");
        grid = dark ? Color.web("#30363d") : Color.web("#d0d7de");
        text = dark ? Color.web("#e6edf3") : Color.web("#1f2328");
        textOnFrame = Color.web("#1f2328");
        mutedText = dark ? Color.web("#8b949e") : Color.web("#57606a");
        selection = dark ? Color.web("#f0f6fc") : Color.web("#0550ae");
        hover = dark ? Color.web("#f0f6fc", 0.6) : Color.web("#1f2328", 0.6);
        viewport = dark ? Color.web("#58a6ff", 0.25) : Color.web("#0969da", 0.18);
        marker = Color.web("#cf222e");
        console = dark ? Color.web("#3fb950") : Color.web("#1a7f37");
        trap = dark ? Color.web("#ff7b72") : Color.web("#cf222e");
        interrupt = dark ? Color.web("#d2a8ff") : Color.web("#8250df");
        virtio = dark ? Color.web("#79c0ff") : Color.web("#0969da");
        tslog = dark ? Color.web("#e3b341") : Color.web("#9a6700");
        outside = dark ? Color.web("#3b4452") : Color.web("#c9d1d9");
    }

    public static final Palette LIGHT = new Palette(false);
    public static final Palette DARK = new Palette(true);

    /** A function's colour: warm hues, as flame graphs have them. */
    public static Color function(String name) {
        int h = mix(name.hashCode());
        double hue = (h & 0xff) / 255.0 * 55;
        double saturation = 0.45 + ((h >>> 8) & 0xff) / 255.0 * 0.3;
        double brightness = 0.88 + ((h >>> 16) & 0xff) / 255.0 * 0.1;
        return Color.hsb(hue, saturation, brightness);
    }

    /** A subsystem's colour: hues spread round the wheel, light enough for dark text. */
    public static Color subsystem(String name) {
        int h = mix(name.hashCode());
        double hue = (h & 0xffff) / 65535.0 * 360;
        double saturation = 0.35 + ((h >>> 16) & 0xff) / 255.0 * 0.25;
        return Color.hsb(hue, saturation, 0.92);
    }

    /** Code outside any SYSINIT, coloured by subsystem: greys that vary a little by function. */
    Color outside(String name) {
        int h = mix(name.hashCode());
        double b = (h & 0xff) / 255.0 * 0.08;
        return dark ? Color.hsb(215, 0.18, 0.55 + b) : Color.hsb(215, 0.1, 0.78 + b);
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x7feb352d;
        h ^= h >>> 15;
        h *= 0x846ca68b;
        h ^= h >>> 16;
        return h;
    }
}
