package org.bootlab.app.console;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.util.Duration;

/**
 * The serial console: the UART's output as a terminal shows it, appended in batches once per
 * frame and capped at {@link #MAX_LINES}; what is typed here goes to the UART. Hovering a line
 * shows the virtual time it was written.
 */
public final class ConsoleView extends BorderPane {

    static final int MAX_LINES = 5000;
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C,
            KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private final ConsoleAdapter adapter;
    private TerminalBuffer terminal = new TerminalBuffer();
    private final ObservableList<ConsoleLine> lines = FXCollections.observableArrayList();
    private final ListView<ConsoleLine> list = new ListView<>(lines);
    private final ToggleButton follow = new ToggleButton("Follow");
    /** Whether the last item of {@link #lines} is the unfinished line, replaced as it grows. */
    private boolean lastIsPartial;

    public ConsoleView(ConsoleAdapter adapter) {
        this.adapter = adapter;
        getStyleClass().add("console-view");
        list.setId("console");
        list.getStyleClass().add("console-lines");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(l -> new LineCell());
        // One text line per cell: a fixed size keeps scrolling exact and appending cheap.
        list.setFixedCellSize(20);
        list.setPlaceholder(new Label("The guest's serial console. Click here and type to send keys to the UART."));
        list.addEventFilter(KeyEvent.KEY_TYPED, this::typed);
        list.addEventFilter(KeyEvent.KEY_PRESSED, this::pressed);
        MenuItem copy = new MenuItem("Copy selected lines");
        copy.setOnAction(e -> copy(false));
        MenuItem copyAll = new MenuItem("Copy all");
        copyAll.setOnAction(e -> copy(true));
        MenuItem clear = new MenuItem("Clear");
        clear.setOnAction(e -> clear());
        list.setContextMenu(new ContextMenu(copy, copyAll, clear));
        setCenter(list);

        Button copyButton = new Button("Copy");
        copyButton.setTooltip(new Tooltip("Copy the selected lines, or all (Ctrl+Shift+C)"));
        copyButton.setOnAction(e -> copy(list.getSelectionModel().isEmpty()));
        Button clearButton = new Button("Clear");
        clearButton.setId("console-clear");
        clearButton.setOnAction(e -> clear());
        follow.setSelected(true);
        follow.setTooltip(new Tooltip("Keep the newest line in view"));
        HBox bar = new HBox(6, follow, copyButton, clearButton);
        bar.getStyleClass().add("view-toolbar");
        bar.setPadding(new Insets(4));
        setTop(bar);
    }

    /** Appends what the guest wrote since the last frame; called once per frame. */
    public void pulse() {
        ConsoleAdapter.Output out = adapter.drain();
        if (out.bytes().length == 0 && !out.rebooted() && !out.rewound()) {
            return;
        }
        if (out.rewound()) {
            // Reverse execution took output back: show the history as it now stands.
            lines.clear();
            lastIsPartial = false;
            terminal = new TerminalBuffer();
        }
        if (lastIsPartial) {
            lines.remove(lines.size() - 1);
            lastIsPartial = false;
        }
        if (out.rebooted() && !lines.isEmpty()) {
            lines.add(note("──── boot ────"));
        }
        if (out.dropped() > 0) {
            lines.add(note("[" + out.dropped() + " bytes of output skipped: the guest wrote faster than the window shows]"));
        }
        lines.addAll(terminal.feed(out.bytes(), out.nanos()));
        ConsoleLine partial = terminal.partial();
        if (partial != null) {
            lines.add(partial);
            lastIsPartial = true;
        }
        if (lines.size() > MAX_LINES) {
            lines.remove(0, lines.size() - MAX_LINES);
        }
        if (follow.isSelected()) {
            list.scrollTo(lines.size() - 1);
        }
    }

    /** The console's text, one line per line, for tests and copying. */
    public String text() {
        return lines.stream().map(ConsoleLine::text).collect(Collectors.joining("\n"));
    }

    private static ConsoleLine note(String text) {
        return new ConsoleLine(List.of(new ConsoleLine.Span(text, 8, false)), -1);
    }

    private void clear() {
        lines.clear();
        lastIsPartial = false;
    }

    private void copy(boolean all) {
        List<ConsoleLine> chosen = all ? lines : list.getSelectionModel().getSelectedItems();
        ClipboardContent content = new ClipboardContent();
        content.putString(chosen.stream().map(ConsoleLine::text).collect(Collectors.joining("\n")));
        Clipboard.getSystemClipboard().setContent(content);
    }

    private void typed(KeyEvent e) {
        String c = e.getCharacter();
        if (c.isEmpty() || c.equals(KeyEvent.CHAR_UNDEFINED) || e.isShortcutDown() && e.isShiftDown()) {
            return;
        }
        byte[] bytes = c.equals("\b") ? new byte[] {0x7f} : c.getBytes(StandardCharsets.UTF_8);
        adapter.type(bytes);
        e.consume();
    }

    private void pressed(KeyEvent e) {
        if (COPY.match(e)) {
            copy(list.getSelectionModel().isEmpty());
            e.consume();
            return;
        }
        String sequence = switch (e.getCode()) {
            case UP -> "\u001b[A";
            case DOWN -> "\u001b[B";
            case RIGHT -> "\u001b[C";
            case LEFT -> "\u001b[D";
            default -> null;
        };
        if (sequence != null) {
            adapter.type(sequence.getBytes(StandardCharsets.US_ASCII));
            e.consume();
        }
    }

    /** Draws a line's spans in their ANSI colours; the tooltip gives its virtual time. */
    private static final class LineCell extends ListCell<ConsoleLine> {

        private final Tooltip tooltip = new Tooltip();

        LineCell() {
            tooltip.setShowDelay(Duration.millis(300));
        }

        @Override
        protected void updateItem(ConsoleLine line, boolean empty) {
            super.updateItem(line, empty);
            setText(null);
            if (empty || line == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            TextFlow flow = new TextFlow();
            for (ConsoleLine.Span span : line.spans()) {
                Text t = new Text(span.text());
                t.getStyleClass().add("console-text");
                if (span.color() >= 0) {
                    t.getStyleClass().add("ansi-" + span.color());
                }
                if (span.bold()) {
                    t.getStyleClass().add("ansi-bold");
                }
                flow.getChildren().add(t);
            }
            setGraphic(flow);
            if (line.virtualNanos() >= 0) {
                tooltip.setText(String.format("written at %,.3f µs virtual time", line.virtualNanos() / 1000.0));
                setTooltip(tooltip);
            } else {
                setTooltip(null);
            }
        }
    }
}
