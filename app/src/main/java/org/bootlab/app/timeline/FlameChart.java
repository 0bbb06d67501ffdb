package org.bootlab.app.timeline;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import org.bootlab.trace.FrameList;
import org.bootlab.trace.InstantList;
import org.bootlab.trace.Track;

/**
 * A trace's timeline on a Canvas: flame charts per hart and TSLOG thread, SYSINIT bands, instant
 * lanes, ruler and overview (drawn by {@link TimelineRenderer}), driven as in Perfetto and
 * speedscope: W/S zoom, A/D pan, the wheel zooms at the cursor, dragging pans (the overview
 * strip moves the window), a double click fits a frame, hovering shows a tooltip, a click selects.
 * Charts sharing one {@link TimeAxis} zoom and pan together.
 */
public final class FlameChart extends Region {

    private static final double ZOOM_STEP = 1.3;
    private static final double PAN_STEP = 0.12;

    private final TraceIndex index;
    private final TimeAxis axis;
    private final TimelineRenderer renderer;
    private final Canvas canvas = new Canvas();
    private final ScrollBar scrollBar = new ScrollBar();
    private final Label tooltip = new Label();
    private final ObjectProperty<FrameSelection> selection = new SimpleObjectProperty<>(this, "selection");
    private final Runnable axisListener = this::redraw;
    private double pressX;
    private double pressY;
    private double pressStart;
    private double pressScroll;
    private boolean dragged;
    private boolean draggingOverview;
    private double mouseX = -1;
    private double mouseY = -1;
    private long lastPaintNanos;

    /** A chart of {@code index}'s trace on {@code axis}; axis time + offset = trace time. */
    public FlameChart(TraceIndex index, TimeAxis axis, long offset) {
        this.index = index;
        this.axis = axis;
        this.renderer = new TimelineRenderer(index, axis);
        renderer.setOffset(offset);
        getStyleClass().add("flame-chart");
        setFocusTraversable(true);
        scrollBar.setOrientation(Orientation.VERTICAL);
        scrollBar.valueProperty().addListener((o, a, b) -> {
            renderer.setScrollY(b.doubleValue(), getHeight());
            redraw();
        });
        tooltip.getStyleClass().add("flame-tooltip");
        tooltip.setManaged(false);
        tooltip.setVisible(false);
        tooltip.setMouseTransparent(true);
        getChildren().addAll(canvas, scrollBar, tooltip);
        axis.addListener(axisListener);
        canvas.setOnMousePressed(this::pressed);
        canvas.setOnMouseDragged(this::drag);
        canvas.setOnMouseReleased(this::released);
        canvas.setOnMouseMoved(this::moved);
        canvas.setOnMouseExited(e -> {
            mouseX = -1;
            hover(null, 0, 0);
        });
        canvas.setOnScroll(this::scroll);
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
    }

    /** Stops following the axis (the chart is being discarded). */
    public void dispose() {
        axis.removeListener(axisListener);
    }

    public TimeAxis axis() {
        return axis;
    }

    public TraceIndex index() {
        return index;
    }

    public TimelineRenderer renderer() {
        return renderer;
    }

    /** The selected frame, or null; set by a click, or by {@link #select}. */
    public ReadOnlyObjectProperty<FrameSelection> selectionProperty() {
        return selection;
    }

    /** How long the last paint took, in nanoseconds. */
    public long lastPaintNanos() {
        return lastPaintNanos;
    }

    /** Selects a frame (null clears) and tells the selection listeners. */
    public void select(Track track, int frame) {
        if (track == null || frame < 0) {
            renderer.setSelected(null);
            selection.set(null);
        } else {
            renderer.setSelected(ChartHit.frame(track, frame));
            String name = index.trace().name(track.frames().name(frame));
            selection.set(new FrameSelection(index.trace(), track, frame, name, index.symbol(name)));
        }
        redraw();
    }

    /** Fits the window to a frame and scrolls its row into view. */
    public void fitFrame(Track track, int frame) {
        FrameList f = track.frames();
        long end = FlameLayout.end(f, frame, index.end());
        axis.fit(f.start(frame) - renderer.offset(), end - renderer.offset());
        double y = renderer.bodyY(track, frame);
        double visible = getHeight() - TimelineRenderer.OVERVIEW - TimelineRenderer.RULER;
        if (!Double.isNaN(y) && (y < renderer.scrollY() || y + TimelineRenderer.ROW > renderer.scrollY() + visible)) {
            scrollBar.setValue(Math.max(0, y - visible / 2));
        }
        redraw();
    }

    /** Takes in what a live trace has appended; the window follows the end while it shows it. */
    public void refresh() {
        if (index.update()) {
            axis.extendTo(index.end() - renderer.offset());
        }
        redraw();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double content = renderer.preferredHeight();
        boolean scrolls = content > h + 0.5;
        double sw = scrolls ? scrollBar.prefWidth(-1) : 0;
        scrollBar.setVisible(scrolls);
        scrollBar.resizeRelocate(w - sw, TimelineRenderer.OVERVIEW + TimelineRenderer.RULER, sw,
                Math.max(0, h - TimelineRenderer.OVERVIEW - TimelineRenderer.RULER));
        scrollBar.setMin(0);
        scrollBar.setMax(Math.max(0, content - h));
        scrollBar.setVisibleAmount(Math.max(1, h - TimelineRenderer.OVERVIEW - TimelineRenderer.RULER));
        if (canvas.getWidth() != w - sw || canvas.getHeight() != h) {
            canvas.setWidth(Math.max(1, w - sw));
            canvas.setHeight(Math.max(1, h));
        }
        renderer.setScrollY(scrollBar.getValue(), h);
        redraw();
    }

    @Override
    protected double computePrefHeight(double width) {
        return renderer.preferredHeight();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 800;
    }

    @Override
    protected double computeMinHeight(double width) {
        return TimelineRenderer.OVERVIEW + TimelineRenderer.RULER + 60;
    }

    /** Paints the chart now. */
    public void redraw() {
        long t = System.nanoTime();
        renderer.paint(new CanvasPainter(canvas.getGraphicsContext2D(), TimelineRenderer.FONT_SIZE),
                canvas.getWidth(), canvas.getHeight());
        lastPaintNanos = System.nanoTime() - t;
    }

    /** The width of the drawn chart (without the scroll bar). */
    double chartViewWidth() {
        return canvas.getWidth();
    }

    // ------------------------------------------------------------------ input

    private void pressed(MouseEvent e) {
        requestFocus();
        pressX = e.getX();
        pressY = e.getY();
        pressStart = axis.start();
        pressScroll = scrollBar.getValue();
        dragged = false;
        draggingOverview = TimelineRenderer.onOverview(e.getY()) && e.getX() >= TimelineRenderer.GUTTER;
        if (draggingOverview) {
            centreOverviewAt(e.getX());
        }
    }

    private void drag(MouseEvent e) {
        if (Math.abs(e.getX() - pressX) + Math.abs(e.getY() - pressY) > 3) {
            dragged = true;
        }
        if (!dragged) {
            return;
        }
        hover(null, 0, 0);
        if (draggingOverview) {
            centreOverviewAt(e.getX());
            return;
        }
        double nsPerPixel = axis.span() / Math.max(1, canvas.getWidth() - TimelineRenderer.GUTTER);
        axis.set(pressStart - (e.getX() - pressX) * nsPerPixel, pressStart - (e.getX() - pressX) * nsPerPixel + axis.span());
        scrollBar.setValue(Math.max(scrollBar.getMin(), Math.min(scrollBar.getMax(), pressScroll - (e.getY() - pressY))));
    }

    private void centreOverviewAt(double x) {
        double cw = Math.max(1, canvas.getWidth() - TimelineRenderer.GUTTER);
        double t = axis.boundsStart() + (x - TimelineRenderer.GUTTER) / cw * (axis.boundsEnd() - axis.boundsStart());
        double span = axis.span();
        axis.set(t - span / 2, t + span / 2);
    }

    private void released(MouseEvent e) {
        if (dragged || draggingOverview || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        ChartHit hit = renderer.hit(e.getX(), e.getY(), canvas.getWidth());
        if (e.getClickCount() >= 2 && hit != null && hit.isFrame()) {
            select(hit.track(), hit.frame());
            fitFrame(hit.track(), hit.frame());
        } else if (hit != null && hit.isFrame()) {
            select(hit.track(), hit.frame());
        } else if (hit == null) {
            select(null, -1);
        }
    }

    private void moved(MouseEvent e) {
        mouseX = e.getX();
        mouseY = e.getY();
        hover(renderer.hit(e.getX(), e.getY(), canvas.getWidth()), e.getX(), e.getY());
    }

    private void scroll(ScrollEvent e) {
        if (e.getDeltaY() != 0 && !e.isShiftDown()) {
            double anchor = renderer.timeAt(Math.max(TimelineRenderer.GUTTER, e.getX()), canvas.getWidth());
            axis.zoom(Math.exp(e.getDeltaY() * 0.005), anchor);
        } else {
            double delta = e.getDeltaX() != 0 ? e.getDeltaX() : e.getDeltaY();
            double nsPerPixel = axis.span() / Math.max(1, canvas.getWidth() - TimelineRenderer.GUTTER);
            axis.pan(-delta * nsPerPixel);
        }
        e.consume();
    }

    private void key(KeyEvent e) {
        if (e.isControlDown() || e.isMetaDown() || e.isAltDown()) {
            return;
        }
        double anchor = mouseX >= TimelineRenderer.GUTTER
                ? renderer.timeAt(mouseX, canvas.getWidth()) : axis.start() + axis.span() / 2;
        switch (e.getCode()) {
            case W, PLUS, EQUALS -> axis.zoom(ZOOM_STEP, anchor);
            case S, MINUS -> axis.zoom(1 / ZOOM_STEP, anchor);
            case A, LEFT -> axis.pan(-axis.span() * PAN_STEP);
            case D, RIGHT -> axis.pan(axis.span() * PAN_STEP);
            case DIGIT0, HOME -> axis.fitAll();
            case ESCAPE -> select(null, -1);
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void hover(ChartHit hit, double x, double y) {
        renderer.setHovered(hit != null && hit.isFrame() ? hit : null);
        if (hit == null) {
            tooltip.setVisible(false);
        } else {
            tooltip.setText(hit.isFrame() ? FrameDetails.summary(index, hit.track(), hit.frame())
                    : instantText(hit.lane().instants, hit.instant()));
            tooltip.setVisible(true);
            tooltip.autosize();
            double tx = x + 16;
            double ty = y + 16;
            if (tx + tooltip.getWidth() > getWidth()) {
                tx = Math.max(0, x - 8 - tooltip.getWidth());
            }
            if (ty + tooltip.getHeight() > getHeight()) {
                ty = Math.max(0, y - 8 - tooltip.getHeight());
            }
            tooltip.relocate(tx, ty);
        }
        redraw();
    }

    private String instantText(InstantList instants, int e) {
        String kind = instants.kind(e) == null ? "event" : instants.kind(e).name().toLowerCase().replace('_', ' ');
        return renderer.instantLabel(instants, e) + "\n" + kind + " at " + TimeUnits.format(instants.time(e))
                + (instants.insns(e) >= 0 ? String.format("\ninstruction %,d", instants.insns(e)) : "");
    }

    /** Whether the mouse is over the chart (for tests and the key anchor). */
    boolean hovering() {
        return mouseX >= 0 && mouseY >= 0;
    }
}
