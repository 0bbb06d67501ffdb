package org.bootlab.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.prefs.Preferences;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import org.bootlab.app.console.ConsoleAdapter;
import org.bootlab.app.console.ConsoleView;
import org.bootlab.app.disassembly.BreakpointsAdapter;
import org.bootlab.app.disassembly.DisassemblyAdapter;
import org.bootlab.app.disassembly.DisassemblyView;
import org.bootlab.app.memory.MemoryAdapter;
import org.bootlab.app.memory.MemoryView;
import org.bootlab.app.pending.PendingView;
import org.bootlab.app.registers.RegistersAdapter;
import org.bootlab.app.registers.RegistersView;
import org.bootlab.app.session.BootSettings;
import org.bootlab.app.session.EmulatorSession;
import org.bootlab.app.session.SessionSnapshot;
import org.bootlab.app.session.SnapshotPump;
import org.bootlab.app.status.StatusView;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.action.Action;
import org.controlsfx.control.action.ActionUtils;

/**
 * The workbench window: menus and toolbar, the views in resizable split panes, the status bar.
 * It wires views to the session and holds no emulator logic itself.
 */
public final class MainWindow {

    private final Stage stage;
    private final EmulatorSession session = new EmulatorSession();
    private final SnapshotPump pump = new SnapshotPump(session);
    private final DebugActions actions;
    private final WindowLayout layout;
    private final Map<String, SplitPane> splits = new LinkedHashMap<>();
    private final StatusView status = new StatusView();
    private final ConsoleView console;
    private final RegistersView registers;
    private final DisassemblyView disassembly;
    private final MemoryView memory;
    private final BorderPane root = new BorderPane();
    private BootSettings settings = BootSettings.embeddedDefault();
    private String notified = "";

    public MainWindow(Stage stage, Preferences prefs) {
        this.stage = stage;
        this.layout = new WindowLayout(prefs);
        this.actions = new DebugActions(new DebugActions.Commands() {
            @Override
            public void boot() {
                showBootDialog();
            }

            @Override
            public void run() {
                session.run();
            }

            @Override
            public void pause() {
                session.pause();
            }

            @Override
            public void stepInstruction() {
                session.stepInstruction();
            }

            @Override
            public void reset() {
                session.reset();
            }

            @Override
            public void toggleBreakpoint() {
                disassembly.toggleBreakpointAtSelection();
            }
        });

        RegistersAdapter registersAdapter = new RegistersAdapter();
        MemoryAdapter memoryAdapter = new MemoryAdapter();
        DisassemblyAdapter disassemblyAdapter = new DisassemblyAdapter();
        BreakpointsAdapter breakpointsAdapter = new BreakpointsAdapter(session);
        ConsoleAdapter consoleAdapter = new ConsoleAdapter(session);
        for (var probe : List.of(registersAdapter, memoryAdapter, disassemblyAdapter, breakpointsAdapter, consoleAdapter)) {
            session.register(probe);
        }
        registers = new RegistersView(registersAdapter);
        memory = new MemoryView(memoryAdapter, session);
        disassembly = new DisassemblyView(disassemblyAdapter, breakpointsAdapter);
        console = new ConsoleView(consoleAdapter);

        pump.onPulse(console::pulse);
        pump.addView(registers::show);
        pump.addView(memory::show);
        pump.addView(disassembly::show);
        pump.addView(status::show);
        pump.addView(actions::update);
        pump.addView(this::notifyProblem);

        root.setTop(new VBox(menuBar(), toolBar()));
        root.setCenter(views());
        root.setBottom(status);
        root.getStyleClass().add("bootlab-root");

        Scene scene = new Scene(root);
        scene.getStylesheets().add(MainWindow.class.getResource("bootlab.css").toExternalForm());
        stage.setScene(scene);
        stage.setTitle("BootLab");
        setDark(layout.dark());
        layout.restore(stage, splits);
        stage.setOnHidden(e -> close());
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> status.problem("Internal error: " + e));
        pump.start();
        // Ready at once: the embedded guest, stopped before its first instruction; F5 runs it.
        session.boot(settings);
    }

    public EmulatorSession session() {
        return session;
    }

    public ConsoleView console() {
        return console;
    }

    /** Saves the layout and stops the emulator thread. */
    public void close() {
        pump.stop();
        layout.save(stage, splits);
        session.close();
    }

    private Node views() {
        TabPane code = tabs(
                new Tab("Disassembly", disassembly),
                new Tab("Source", new PendingView("source-view", "Source",
                        "the DWARF line table (org.bootlab.symbols) and the kernel's packaged sources")));
        TabPane io = tabs(
                new Tab("Console", console),
                new Tab("Memory", memory),
                new Tab("Virtio", new PendingView("virtio-view", "Virtio inspector",
                        "the virtio devices and their inspector state (org.bootlab.machine.virtio)")));
        TabPane machine = tabs(
                new Tab("Call Stack", new PendingView("callstack-view", "Call stack",
                        "the call-stack tracker (org.bootlab.trace.CallStackTracker) and ELF symbols")),
                new Tab("SYSINIT", new PendingView("sysinit-view", "SYSINIT table",
                        "org.bootlab.symbols.SysinitTable and the debugger's Step SYSINIT")));
        SplitPane left = split("left", Orientation.VERTICAL, code, io);
        left.setDividerPositions(0.55);
        SplitPane right = split("right", Orientation.VERTICAL, registers, machine);
        right.setDividerPositions(0.62);
        SplitPane main = split("main", Orientation.HORIZONTAL, left, right);
        main.setDividerPositions(0.6);
        return main;
    }

    private SplitPane split(String name, Orientation orientation, Node... items) {
        SplitPane s = new SplitPane(items);
        s.setId("split-" + name);
        s.setOrientation(orientation);
        splits.put(name, s);
        return s;
    }

    private static TabPane tabs(Tab... tabs) {
        TabPane pane = new TabPane(tabs);
        pane.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return pane;
    }

    private MenuBar menuBar() {
        MenuItem boot = ActionUtils.createMenuItem(actions.boot);
        MenuItem quit = new MenuItem("Quit");
        quit.setOnAction(e -> stage.close());
        Menu file = new Menu("File", null, boot, new SeparatorMenuItem(), quit);

        Menu run = new Menu("Run");
        for (Action a : actions.runMenu()) {
            run.getItems().add(a == null ? new SeparatorMenuItem() : ActionUtils.createMenuItem(a));
        }

        CheckMenuItem dark = new CheckMenuItem("Dark Theme");
        dark.setId("menu-dark-theme");
        dark.setSelected(layout.dark());
        dark.setOnAction(e -> setDark(dark.isSelected()));
        Menu view = new Menu("View", null, dark);

        MenuItem keys = new MenuItem("Keyboard Shortcuts");
        keys.setOnAction(e -> HelpDialogs.shortcuts(stage, actions).show());
        MenuItem about = new MenuItem("About BootLab");
        about.setOnAction(e -> HelpDialogs.about(stage).show());
        Menu help = new Menu("Help", null, keys, about);
        return new MenuBar(file, run, view, help);
    }

    private ToolBar toolBar() {
        ToolBar bar = new ToolBar();
        bar.setId("debug-toolbar");
        for (Action a : actions.toolbar()) {
            bar.getItems().add(a == null ? new javafx.scene.control.Separator(Orientation.VERTICAL)
                    : ActionUtils.createButton(a, ActionUtils.ActionTextBehavior.SHOW));
        }
        return bar;
    }

    private void showBootDialog() {
        new BootDialog(stage, settings).showAndWait().ifPresent(s -> {
            settings = s;
            stage.setTitle("BootLab — " + s.describe());
            session.boot(s);
        });
    }

    /** Switches between AtlantaFX's Primer Light and Primer Dark; remembered. */
    public void setDark(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        root.getStyleClass().remove("dark");
        if (dark) {
            root.getStyleClass().add("dark");
        }
        layout.setDark(dark);
    }

    /** Errors also pop up once as a notification, besides staying in the status bar. */
    private void notifyProblem(SessionSnapshot s) {
        if (!s.problem() || s.message().equals(notified) || !stage.isShowing()) {
            return;
        }
        notified = s.message();
        Notifications.create().owner(stage).title("BootLab").text(s.message()).showError();
    }
}
