package org.bootlab.app.timeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.bootlab.symbols.Symbol;
import org.bootlab.symbols.SysinitEntry;
import org.bootlab.trace.FrameList;
import org.bootlab.trace.Track;

/** The details pane: everything known about the selected frame, and the text of the hover tooltip. */
public final class FrameDetails extends VBox {

    private final Label title = new Label("No frame selected");
    private final GridPane grid = new GridPane();
    private final Label path = new Label();

    public FrameDetails() {
        setId("timeline-details");
        getStyleClass().add("frame-details");
        title.getStyleClass().add("frame-details-title");
        title.setWrapText(true);
        path.setWrapText(true);
        path.getStyleClass().add("frame-details-path");
        grid.setHgap(10);
        grid.setVgap(3);
        setSpacing(8);
        setPadding(new Insets(10));
        getChildren().addAll(title, grid, path);
    }

    /** Shows {@code selection}, or the empty state for null. */
    public void show(TraceIndex index, FrameSelection selection) {
        grid.getChildren().clear();
        if (selection == null) {
            title.setText("No frame selected");
            path.setText("Click a frame to see it here; double-click to fit it.");
            return;
        }
        FrameList f = selection.frames();
        int i = selection.frame();
        title.setText(selection.name());
        int row = 0;
        row = add(row, "Track", selection.track().name());
        row = add(row, "Start", TimeUnits.format(f.start(i)));
        row = add(row, "Duration", f.isOpen(i) ? "running" : TimeUnits.format(f.duration(i)));
        row = add(row, "Self time", f.isOpen(i) ? "running" : TimeUnits.format(f.selfTime(i)));
        long insns = f.instructions(i);
        row = add(row, "Instructions", insns < 0 ? "not recorded" : String.format(Locale.ROOT, "%,d", insns));
        row = add(row, "Share of boot", share(index, f, i));
        row = add(row, "Depth", Integer.toString(f.depth(i)));
        int s = f.sysinit(i);
        if (s != FrameList.NO_SYSINIT && s < index.trace().sysinits().size()) {
            SysinitEntry e = index.trace().sysinits().get(s);
            row = add(row, "SYSINIT", e.name());
            row = add(row, "Subsystem", e.subsystemName() + String.format(Locale.ROOT, " (order 0x%x)", e.order()));
        }
        Symbol sym = selection.symbol();
        if (sym != null) {
            add(row, "Code", String.format(Locale.ROOT, "0x%x (%d bytes)", sym.address(), sym.size()));
        }
        List<String> stack = new ArrayList<>();
        for (int p = f.parent(i); p >= 0 && stack.size() < 40; p = f.parent(p)) {
            stack.add(index.trace().name(f.name(p)));
        }
        Collections.reverse(stack);
        path.setText(stack.isEmpty() ? "A root frame." : "Called from: " + String.join(" › ", stack));
    }

    private int add(int row, String key, String value) {
        Label k = new Label(key);
        k.getStyleClass().add("frame-details-key");
        Label v = new Label(value);
        v.setId("details-" + key.toLowerCase(Locale.ROOT).replace(' ', '-'));
        grid.addRow(row, k, v);
        return row + 1;
    }

    /** The tooltip: name, start, duration, self time, instructions, share of the boot. */
    static String summary(TraceIndex index, Track track, int i) {
        FrameList f = track.frames();
        String name = index.trace().name(f.name(i));
        long insns = f.instructions(i);
        StringBuilder s = new StringBuilder(name);
        s.append("\nstart ").append(TimeUnits.format(f.start(i)));
        if (f.isOpen(i)) {
            s.append(", still running");
        } else {
            s.append("\nduration ").append(TimeUnits.format(f.duration(i)));
            s.append(", self ").append(TimeUnits.format(f.selfTime(i)));
        }
        if (insns >= 0) {
            s.append(String.format(Locale.ROOT, "\n%,d instructions", insns));
        }
        s.append("\n").append(share(index, f, i)).append(" of the boot");
        return s.toString();
    }

    private static String share(TraceIndex index, FrameList f, int i) {
        double total = Math.max(1, index.end() - index.start());
        long d = f.isOpen(i) ? index.end() - f.start(i) : f.duration(i);
        return String.format(Locale.ROOT, "%.2f%%", 100.0 * d / total);
    }
}
