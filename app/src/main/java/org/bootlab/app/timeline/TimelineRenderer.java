package org.bootlab.app.timeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.bootlab.trace.FrameList;
import org.bootlab.trace.InstantKind;
import org.bootlab.trace.InstantList;
import org.bootlab.trace.Track;

/**
 * Draws one trace's timeline with a {@link ChartPainter}: the overview strip and the time ruler
 * (fixed at the top), then, scrolled vertically, the SYSINIT bands (subsystem and entry rows),
 * the instant lanes (console, virtio, traps, TSLOG events) and a flame chart per track. Lane
 * titles sit in a gutter on the left. Also answers what is at a point, for hover and clicks.
 */
public final class TimelineRenderer {

    static final double GUTTER = 130;
    static final double ROW = 17;
    static final double OVERVIEW = 34;
    static final double RULER = 22;
    static final double LANE = 18;
    static final double HEADER = 18;
    static final double FONT_SIZE = 11;
    private static final int OVERVIEW_ROWS = 16;

    /** A horizontal strip of the scrolled body. */
    private record Row(String title, double y, double height, Track track, InstantLane lane, int kind) {
        static final int SUBSYSTEMS = 0, SYSINITS = 1, INSTANTS = 2, HEADER = 3, FLAME = 4;
    }

    private final TraceIndex index;
    private final TimeAxis axis;
    private final FlameLayout layout = new FlameLayout();
    private final double charWidth;
    private Palette palette = Palette.LIGHT;
    private ColorMode colorMode = ColorMode.SUBSYSTEM;
    private long offset;
    private double scrollY;
    private String title;
    private Set<Integer> markedSysinits = Set.of();
    private ChartHit selected;
    private ChartHit hovered;
    private final Map<Integer, Color> functionColors = new HashMap<>();
    private final Map<Integer, Color> outsideColors = new HashMap<>();
    private final Map<String, Color> subsystemColors = new HashMap<>();
    private final Map<Color, Color> dimmed = new HashMap<>();
    private List<Row> rows = List.of();
    /** The overview's blocks, laid out again only when the data, the bounds or the colours change. */
    private final RectList overview = new RectList();
    private String overviewKey = "";
    private boolean compact;

    public TimelineRenderer(TraceIndex index, TimeAxis axis) {
        this.index = index;
        this.axis = axis;
        Text sample = new Text("abcdefghijklmnopqrstuvwxyz_0123456789");
        sample.setFont(Font.font("System", FONT_SIZE));
        charWidth = sample.getLayoutBounds().getWidth() / 37;
    }

    public TraceIndex index() {
        return index;
    }

    /** Axis time t shows trace time t + offset (the comparison aligns traces at mi_startup). */
    public void setOffset(long offset) {
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }

    public void setPalette(Palette palette) {
        this.palette = palette;
        dimmed.clear();
        functionColors.clear();
        outsideColors.clear();
        subsystemColors.clear();
    }

    public void setColorMode(ColorMode mode) {
        colorMode = mode;
    }

    public ColorMode colorMode() {
        return colorMode;
    }

    /** A title drawn in the top left corner (the comparison names each chart). */
    public void setTitle(String title) {
        this.title = title;
    }

    /** Compact: no instant lanes, log threads above the harts (the comparison's stacked charts). */
    public void setCompact(boolean compact) {
        this.compact = compact;
    }

    /** SYSINIT indices to mark (entries that ran at another position in a compared trace). */
    public void setMarkedSysinits(Set<Integer> sysinits) {
        markedSysinits = sysinits;
    }

    void setSelected(ChartHit hit) {
        selected = hit;
    }

    void setHovered(ChartHit hit) {
        hovered = hit;
    }

    double scrollY() {
        return scrollY;
    }

    /** Scrolls the body, kept within its content for a view {@code height} high. */
    void setScrollY(double y, double height) {
        double max = Math.max(0, contentHeight() - (height - OVERVIEW - RULER));
        scrollY = Math.max(0, Math.min(y, max));
    }

    /** The height of the scrolled body. */
    public double contentHeight() {
        List<Row> r = rows();
        if (r.isEmpty()) {
            return 0;
        }
        Row last = r.get(r.size() - 1);
        return last.y() + last.height() + 6;
    }

    /** The height that shows everything: header and body. */
    public double preferredHeight() {
        return OVERVIEW + RULER + contentHeight();
    }

    private List<Row> rows() {
        List<Row> r = new ArrayList<>();
        double y = 4;
        if (!index.bands().isEmpty()) {
            r.add(new Row("Subsystems", y, LANE, null, null, Row.SUBSYSTEMS));
            y += LANE;
            r.add(new Row("SYSINITs", y, LANE, null, null, Row.SYSINITS));
            y += LANE + 4;
        }
        if (!compact) {
            // One row per title: the events of every track with that title share it.
            List<String> titles = new ArrayList<>();
            for (InstantLane lane : index.lanes()) {
                if (!titles.contains(lane.title)) {
                    titles.add(lane.title);
                }
            }
            for (String title : titles) {
                for (InstantLane lane : index.lanes()) {
                    if (lane.title.equals(title)) {
                        r.add(new Row(title, y, LANE, null, lane, Row.INSTANTS));
                    }
                }
                y += LANE;
            }
        }
        List<Track> tracks = new ArrayList<>(index.flameTracks());
        if (compact) {
            // The log threads first: short, and they name the steps (the SYSINIT sort among them).
            tracks.sort((a, b) -> Boolean.compare(a.kind() == Track.Kind.HART, b.kind() == Track.Kind.HART));
        }
        for (Track t : tracks) {
            int depth = index.depth(t);
            if (depth == 0) {
                continue;
            }
            String name = t.kind() == Track.Kind.THREAD ? "TSLOG " + t.name().replaceFirst("^tslog ", "") : t.name();
            r.add(new Row(name, y + 4, HEADER, t, null, Row.HEADER));
            y += HEADER + 4;
            r.add(new Row(null, y, depth * ROW, t, null, Row.FLAME));
            y += depth * ROW;
        }
        rows = r;
        return r;
    }

    // ------------------------------------------------------------------ coordinates

    private double chartWidth(double width) {
        return Math.max(1, width - GUTTER);
    }

    /** The axis time at x. */
    public double timeAt(double x, double width) {
        return axis.start() + (x - GUTTER) / chartWidth(width) * axis.span();
    }

    /** The x of axis time t. */
    public double xOf(double t, double width) {
        return GUTTER + (t - axis.start()) / axis.span() * chartWidth(width);
    }

    /** Whether y lies on the overview strip. */
    static boolean onOverview(double y) {
        return y < OVERVIEW;
    }

    // ------------------------------------------------------------------ drawing

    /** Draws the whole view, {@code width} by {@code height} pixels. */
    public void paint(ChartPainter p, double width, double height) {
        rows();
        p.fillRect(0, 0, width, height, palette.background);
        double bodyTop = OVERVIEW + RULER;
        p.clip(0, bodyTop, width, height - bodyTop);
        double t0 = axis.start() + offset;
        double t1 = axis.end() + offset;
        double titled = -1;
        for (Row row : rows) {
            double y = bodyTop + row.y() - scrollY;
            if (y > height || y + row.height() < bodyTop) {
                continue;
            }
            switch (row.kind()) {
                case Row.SUBSYSTEMS -> paintSubsystems(p, y, width, t0, t1);
                case Row.SYSINITS -> paintSysinits(p, y, width, t0, t1);
                case Row.INSTANTS -> paintInstants(p, row.lane(), y, width, t0, t1);
                case Row.HEADER -> {
                    p.line(0, y + row.height() - 1, width, y + row.height() - 1, palette.grid, 1);
                    p.text(row.title(), 6, y + row.height() - 5, palette.text, true);
                }
                default -> paintFlame(p, row.track(), y, bodyTop, height, width, t0, t1);
            }
            if (row.title() != null && row.kind() != Row.HEADER && row.y() != titled) {
                titled = row.y();
                p.fillRect(0, y, GUTTER - 4, row.height(), palette.laneBackground);
                p.text(row.title(), 6, y + row.height() - 5, palette.mutedText, false);
            }
        }
        p.endClip();
        paintOverview(p, width);
        paintRuler(p, width, height);
    }

    private void paintFlame(ChartPainter p, Track track, double top, double bodyTop, double height, double width,
                            double t0, double t1) {
        FrameList f = track.frames();
        double cw = chartWidth(width);
        FlameSink sink = new FlameSink(p, f, index.depth(track), top, bodyTop, height, cw);
        layout.layout(f, t0, t1, cw, index.end(), sink);
        sink.flushAll();
        p.fillRect(0, top, GUTTER - 4, index.depth(track) * ROW, palette.background);
        outline(p, selected, track, top, width, t0, t1, palette.selection, 2);
        outline(p, hovered, track, top, width, t0, t1, palette.hover, 1);
    }

    /**
     * Draws a track's layout. Adjacent merged columns of one colour on a row become one block,
     * so zoomed out there are a few hundred blocks to rasterise rather than a block per pixel.
     */
    private final class FlameSink implements FlameLayout.Sink {
        private final ChartPainter p;
        private final FrameList f;
        private final int rows;
        private final double top;
        private final double bodyTop;
        private final double height;
        private final double cw;
        private final boolean searching = index.searching();
        private final int[] runStart;
        private final int[] runLength;
        private final Color[] runColor;

        FlameSink(ChartPainter p, FrameList f, int rows, double top, double bodyTop, double height, double cw) {
            this.p = p;
            this.f = f;
            this.rows = rows;
            this.top = top;
            this.bodyTop = bodyTop;
            this.height = height;
            this.cw = cw;
            runStart = new int[rows];
            runLength = new int[rows];
            runColor = new Color[rows];
        }

        @Override
        public void frame(int i, int depth, double x0, double x1) {
            double y = top + depth * ROW;
            if (y + ROW < bodyTop || y > height) {
                return;
            }
            double a = Math.max(x0, -2);
            double b = Math.min(x1, cw + 2);
            double w = Math.max(1, b - a);
            p.fillRect(GUTTER + a, y, w, ROW - 1, color(f, i, searching));
            if (w > 3 * charWidth + 6) {
                String label = fit(index.trace().name(f.name(i)), w - 6);
                if (label != null) {
                    p.text(label, GUTTER + a + 3, y + ROW - 5, palette.textOnFrame, false);
                }
            }
        }

        @Override
        public void merged(int first, int depth, int column) {
            double y = top + depth * ROW;
            if (y + ROW < bodyTop || y > height || column < 0 || column >= cw || depth >= rows) {
                return;
            }
            Color c = color(f, first, searching);
            if (runLength[depth] > 0 && runColor[depth] == c && runStart[depth] + runLength[depth] == column) {
                runLength[depth]++;
                return;
            }
            flush(depth);
            runStart[depth] = column;
            runLength[depth] = 1;
            runColor[depth] = c;
        }

        private void flush(int depth) {
            if (runLength[depth] > 0) {
                p.fillRect(GUTTER + runStart[depth], top + depth * ROW, runLength[depth], ROW - 1, runColor[depth]);
                runLength[depth] = 0;
            }
        }

        void flushAll() {
            for (int d = 0; d < rows; d++) {
                flush(d);
            }
        }
    }

    private void outline(ChartPainter p, ChartHit hit, Track track, double top, double width, double t0, double t1,
                         Color color, double lineWidth) {
        if (hit == null || !hit.isFrame() || hit.track() != track || hit.frame() >= track.frames().size()) {
            return;
        }
        FrameList f = track.frames();
        double cw = chartWidth(width);
        double scale = cw / (t1 - t0);
        double x0 = Math.max(-2, (f.start(hit.frame()) - t0) * scale);
        double x1 = Math.min(cw + 2, (FlameLayout.end(f, hit.frame(), index.end()) - t0) * scale);
        if (x1 < 0 || x0 > cw) {
            return;
        }
        double y = top + f.depth(hit.frame()) * ROW;
        p.strokeRect(GUTTER + x0, y, Math.max(1, x1 - x0), ROW - 1, color, lineWidth);
    }

    private Color color(FrameList f, int i, boolean searching) {
        Color c;
        if (colorMode == ColorMode.FUNCTION) {
            c = functionColors.computeIfAbsent(f.name(i), id -> Palette.function(index.trace().name(id)));
        } else {
            String sub = index.enclosingSubsystem(f, i);
            c = sub == null
                    ? outsideColors.computeIfAbsent(f.name(i), id -> palette.outside(index.trace().name(id)))
                    : subsystemColor(sub);
        }
        if (searching && !index.matches(f.name(i))) {
            return dimmed.computeIfAbsent(c, k -> palette.background.interpolate(k, 0.22));
        }
        return c;
    }

    Color subsystemColor(String subsystem) {
        return subsystemColors.computeIfAbsent(subsystem, Palette::subsystem);
    }

    /** The label cut to {@code room} pixels with an ellipsis, or null when too little fits. */
    private String fit(String name, double room) {
        int max = (int) (room / charWidth);
        if (name.length() <= max) {
            return name;
        }
        return max < 4 ? null : name.substring(0, max - 1) + "…";
    }

    private void paintSysinits(ChartPainter p, double y, double width, double t0, double t1) {
        double cw = chartWidth(width);
        double scale = cw / (t1 - t0);
        long openEnd = index.end();
        double lastColumn = -1;
        List<TraceIndex.Band> marked = new ArrayList<>();
        for (TraceIndex.Band b : index.bands()) {
            FrameList f = b.track().frames();
            double x0 = (f.start(b.frame()) - t0) * scale;
            double x1 = (FlameLayout.end(f, b.frame(), openEnd) - t0) * scale;
            if (x1 < 0 || x0 > cw) {
                continue;
            }
            if (markedSysinits.contains(b.sysinit())) {
                marked.add(b);
            }
            if (x1 - x0 < 1 && Math.floor(x0) == lastColumn) {
                continue;
            }
            lastColumn = Math.floor(x0);
            double a = Math.max(x0, -2);
            double w = Math.max(1, Math.min(x1, cw + 2) - a);
            boolean match = !index.searching() || index.matches(f.name(b.frame()));
            Color c = subsystemColor(b.subsystem());
            p.fillRect(GUTTER + a, y + 1, w, LANE - 2, match ? c : palette.background.interpolate(c, 0.22));
            if (w > 3 * charWidth + 6) {
                String label = fit(b.name(), w - 6);
                if (label != null) {
                    p.text(label, GUTTER + a + 3, y + LANE - 5, palette.textOnFrame, false);
                }
            }
        }
        for (TraceIndex.Band b : marked) {
            FrameList f = b.track().frames();
            double x0 = (f.start(b.frame()) - t0) * scale;
            double x1 = (FlameLayout.end(f, b.frame(), openEnd) - t0) * scale;
            double x = GUTTER + Math.max(0, x0);
            p.strokeRect(x, y + 1, Math.max(2, Math.min(x1, cw) - Math.max(0, x0)), LANE - 2, palette.marker, 1.5);
        }
        if (selected != null && selected.isFrame()) {
            for (TraceIndex.Band b : index.bands()) {
                if (b.track() == selected.track() && b.frame() == selected.frame()) {
                    FrameList f = b.track().frames();
                    double x0 = Math.max(-2, (f.start(b.frame()) - t0) * scale);
                    double x1 = Math.min(cw + 2, (FlameLayout.end(f, b.frame(), openEnd) - t0) * scale);
                    p.strokeRect(GUTTER + x0, y + 1, Math.max(1, x1 - x0), LANE - 2, palette.selection, 2);
                }
            }
        }
    }

    private void paintSubsystems(ChartPainter p, double y, double width, double t0, double t1) {
        double cw = chartWidth(width);
        double scale = cw / (t1 - t0);
        long openEnd = index.end();
        List<TraceIndex.Band> bands = index.bands();
        int k = 0;
        while (k < bands.size()) {
            TraceIndex.Band first = bands.get(k);
            int j = k + 1;
            while (j < bands.size() && bands.get(j).subsystem().equals(first.subsystem())
                    && bands.get(j).track() == first.track()) {
                j++;
            }
            TraceIndex.Band last = bands.get(j - 1);
            double x0 = (first.track().frames().start(first.frame()) - t0) * scale;
            double x1 = (FlameLayout.end(last.track().frames(), last.frame(), openEnd) - t0) * scale;
            k = j;
            if (x1 < 0 || x0 > cw) {
                continue;
            }
            double a = Math.max(x0, -2);
            double w = Math.max(1, Math.min(x1, cw + 2) - a);
            p.fillRect(GUTTER + a, y + 1, w, LANE - 2, subsystemColor(first.subsystem()));
            if (w > 3 * charWidth + 6) {
                String label = fit(first.subsystem().replaceFirst("^SI_SUB_", ""), w - 6);
                if (label != null) {
                    p.text(label, GUTTER + a + 3, y + LANE - 5, palette.textOnFrame, true);
                }
            }
        }
    }

    private void paintInstants(ChartPainter p, InstantLane lane, double y, double width, double t0, double t1) {
        double cw = chartWidth(width);
        double scale = cw / (t1 - t0);
        double nsPerPixel = (t1 - t0) / cw;
        int k = lane.firstAtOrAfter((long) Math.floor(t0));
        double labelEnd = -1;
        while (k < lane.size() && lane.time(k) < t1) {
            long t = lane.time(k);
            double x = (t - t0) * scale;
            int e = lane.event(k);
            InstantKind kind = lane.instants.kind(e);
            Color c = instantColor(kind);
            p.fillRect(GUTTER + x - 0.5, y + 2, 1.5, LANE - 4, c);
            if (kind == InstantKind.CONSOLE || kind == InstantKind.TSLOG_EVENT || kind == InstantKind.TSLOG_THREAD
                    || kind == InstantKind.VIRTIO_NOTIFY) {
                int nextK = k + 1;
                double room = (nextK < lane.size() ? (lane.time(nextK) - t0) * scale : cw) - x - 8;
                if (x > labelEnd && room > 4 * charWidth) {
                    String label = fit(instantLabel(lane.instants, e), Math.min(room, cw - x - 4));
                    if (label != null) {
                        p.text(label, GUTTER + x + 4, y + LANE - 5, palette.text, false);
                        labelEnd = x + 4 + label.length() * charWidth;
                    }
                }
            }
            // Events closer than a pixel share the tick: jump past this pixel.
            long next = (long) Math.ceil(t0 + (Math.floor(x) + 1) * nsPerPixel);
            k = Math.max(k + 1, lane.firstAtOrAfter(next));
        }
    }

    private Color instantColor(InstantKind kind) {
        if (kind == null) {
            return palette.mutedText;
        }
        return switch (kind) {
            case CONSOLE -> palette.console;
            case INTERRUPT -> palette.interrupt;
            case VIRTIO_NOTIFY, VIRTIO_INTERRUPT -> palette.virtio;
            case TSLOG_ENTER, TSLOG_EXIT, TSLOG_THREAD, TSLOG_EVENT -> palette.tslog;
            default -> palette.trap;
        };
    }

    String instantLabel(InstantList instants, int e) {
        String name = index.trace().name(instants.name(e));
        int detail = instants.detail(e);
        return detail == InstantList.NO_DETAIL ? name : name + " " + index.trace().name(detail);
    }

    private void paintOverview(ChartPainter p, double width) {
        p.fillRect(0, 0, width, OVERVIEW, palette.laneBackground);
        if (title != null) {
            p.text(fit(title, GUTTER - 10) == null ? "" : fit(title, GUTTER - 10), 6, 14, palette.text, true);
        }
        p.text("Overview", 6, OVERVIEW - 6, palette.mutedText, false);
        double cw = chartWidth(width);
        double b0 = axis.boundsStart() + offset;
        double b1 = axis.boundsEnd() + offset;
        String key = b0 + " " + b1 + " " + cw + " " + index.frameCount() + " " + index.end() + " " + colorMode + " "
                + palette.dark + " " + index.query();
        if (!key.equals(overviewKey)) {
            overviewKey = key;
            overview.clear();
            List<Track> tracks = index.flameTracks();
            if (!tracks.isEmpty()) {
                FrameList f = tracks.get(0).frames();
                layout.layout(f, b0, b1, cw, index.end(), new FlameLayout.Sink() {
                    @Override
                    public void frame(int i, int depth, double x0, double x1) {
                        if (depth < OVERVIEW_ROWS) {
                            double a = Math.max(0, x0);
                            overview.add(a, Math.max(1, Math.min(x1, cw) - a), depth, color(f, i, index.searching()));
                        }
                    }

                    @Override
                    public void merged(int first, int depth, int column) {
                        if (depth < OVERVIEW_ROWS && column >= 0 && column < cw) {
                            overview.add(column, 1, depth, color(f, first, index.searching()));
                        }
                    }
                });
            }
        }
        double rowH = (OVERVIEW - 4) / OVERVIEW_ROWS;
        overview.paint(p, GUTTER, 2, rowH);
        double scale = cw / Math.max(1, b1 - b0);
        double v0 = (axis.start() - axis.boundsStart()) * scale;
        double v1 = (axis.end() - axis.boundsStart()) * scale;
        p.fillRect(GUTTER + v0, 0, Math.max(2, v1 - v0), OVERVIEW, palette.viewport);
        p.strokeRect(GUTTER + v0, 0.5, Math.max(2, v1 - v0), OVERVIEW - 1, palette.selection, 1);
        p.line(0, OVERVIEW - 0.5, width, OVERVIEW - 0.5, palette.grid, 1);
    }

    private void paintRuler(ChartPainter p, double width, double height) {
        double top = OVERVIEW;
        p.fillRect(0, top, width, RULER, palette.background);
        double cw = chartWidth(width);
        double nsPerPixel = axis.span() / cw;
        long step = TimeUnits.tickStep(nsPerPixel * 90);
        long first = (long) Math.ceil(axis.start() / step) * step;
        for (long t = first; t <= axis.end(); t += step) {
            double x = xOf(t, width);
            p.line(x, top + RULER - 6, x, top + RULER, palette.mutedText, 1);
            p.line(x, top + RULER, x, height, palette.grid.deriveColor(0, 1, 1, 0.5), 1);
            p.text(TimeUnits.tickLabel(t, step), x + 3, top + RULER - 8, palette.mutedText, false);
        }
        p.fillRect(0, top, GUTTER - 4, RULER, palette.background);
        p.text(TimeUnits.format(axis.span()) + " shown", 6, top + RULER - 8, palette.mutedText, false);
        p.line(0, top + RULER - 0.5, width, top + RULER - 0.5, palette.grid, 1);
    }

    // ------------------------------------------------------------------ hit testing

    /** What is at (x, y) of a view {@code width} wide, or null. */
    ChartHit hit(double x, double y, double width) {
        if (x < GUTTER || y < OVERVIEW + RULER) {
            return null;
        }
        double bodyY = y - OVERVIEW - RULER + scrollY;
        double cw = chartWidth(width);
        double nsPerPixel = axis.span() / cw;
        double t = timeAt(x, width) + offset;
        for (Row row : rows) {
            if (bodyY < row.y() || bodyY >= row.y() + row.height()) {
                continue;
            }
            switch (row.kind()) {
                case Row.FLAME -> {
                    int depth = (int) ((bodyY - row.y()) / ROW);
                    int f = FlameLayout.frameAt(row.track().frames(), depth, t - nsPerPixel / 2, t + nsPerPixel / 2,
                            index.end());
                    return f < 0 ? null : ChartHit.frame(row.track(), f);
                }
                case Row.SYSINITS -> {
                    TraceIndex.Band best = null;
                    for (TraceIndex.Band b : index.bands()) {
                        FrameList fl = b.track().frames();
                        if (fl.start(b.frame()) <= t + nsPerPixel / 2
                                && FlameLayout.end(fl, b.frame(), index.end()) >= t - nsPerPixel / 2) {
                            best = b;
                        }
                    }
                    return best == null ? null : ChartHit.frame(best.track(), best.frame());
                }
                case Row.INSTANTS -> {
                    InstantLane lane = row.lane();
                    int k = lane.firstAtOrAfter((long) Math.floor(t - 3 * nsPerPixel));
                    if (k < lane.size() && lane.time(k) <= t + 3 * nsPerPixel) {
                        return ChartHit.instant(lane, lane.event(k));
                    }
                    return null;
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    /** The y (in view coordinates) of the top of frame {@code frame}'s row, or NaN. */
    double frameY(Track track, int frame) {
        for (Row row : rows) {
            if (row.kind() == Row.FLAME && row.track() == track) {
                return OVERVIEW + RULER + row.y() - scrollY + track.frames().depth(frame) * ROW;
            }
        }
        return Double.NaN;
    }

    /** The body's y of frame {@code frame}'s row (unscrolled), or NaN. */
    double bodyY(Track track, int frame) {
        for (Row row : rows) {
            if (row.kind() == Row.FLAME && row.track() == track) {
                return row.y() + track.frames().depth(frame) * ROW;
            }
        }
        return Double.NaN;
    }
}
