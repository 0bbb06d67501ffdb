package org.bootlab.app.timeline;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * What the colours mean: the subsystems present (and the grey of code outside SYSINITs), or,
 * coloured by function, the functions with the most self time.
 */
public final class Legend extends FlowPane {

    private static final int TOP_FUNCTIONS = 14;

    public Legend() {
        setId("timeline-legend");
        getStyleClass().add("timeline-legend");
        setHgap(12);
        setVgap(4);
    }

    /** Lists the colours of {@code indexes}' traces in {@code mode}. */
    public void show(ColorMode mode, Iterable<TraceIndex> indexes, Palette palette) {
        getChildren().clear();
        if (mode == ColorMode.SUBSYSTEM) {
            Set<String> subsystems = new LinkedHashSet<>();
            for (TraceIndex index : indexes) {
                for (TraceIndex.Band b : index.bands()) {
                    subsystems.add(b.subsystem());
                }
            }
            add(palette.outside("kernel"), "outside SYSINITs");
            for (String s : subsystems) {
                add(Palette.subsystem(s), s.replaceFirst("^SI_SUB_", ""));
            }
        } else {
            Set<String> names = new LinkedHashSet<>();
            for (TraceIndex index : indexes) {
                for (Map.Entry<String, Long> e : index.topSelfTime(TOP_FUNCTIONS)) {
                    names.add(e.getKey());
                }
            }
            names.stream().limit(TOP_FUNCTIONS).forEach(n -> add(Palette.function(n), n));
            add(Color.TRANSPARENT, "(the functions with the most self time)");
        }
    }

    private void add(Color color, String text) {
        Rectangle swatch = new Rectangle(12, 12, color);
        swatch.getStyleClass().add("legend-swatch");
        Label l = new Label(text, swatch);
        l.getStyleClass().add("legend-entry");
        getChildren().add(l);
    }
}
