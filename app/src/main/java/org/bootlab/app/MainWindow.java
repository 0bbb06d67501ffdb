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

import org.bootlab.app.callstack.CallStackAdapter;
import org.bootlab.app.callstack.CallStackView;
import org.bootlab.app.console.ConsoleAdapter;
import org.bootlab.app.console.ConsoleView;
import org.bootlab.app.disassembly.BreakpointsAdapter;
import org.bootlab.app.disassembly.DisassemblyAdapter;
import org.bootlab.app.disassembly.DisassemblyView;
import org.bootlab.app.memory.MemoryAdapter;
import org.bootlab.app.memory.MemoryView;
import org.bootlab.app.registers.RegistersAdapter;
import org.bootlab.app.registers.RegistersView;
import org.bootlab.app.session.BootSettings;
import org.bootlab.app.session.EmulatorSession;
import org.bootlab.app.session.SessionSnapshot;
import org.bootlab.app.session.SnapshotPump;
import org.bootlab.app.source.SourceAdapter;
import org.bootlab.app.source.SourceView;
import org.bootlab.app.timeline.LiveTimeline;
import org.bootlab.app.timeline.TimelineWorkspace;
import org.bootlab.app.status.StatusView;
import org.bootlab.app.sysinit.SysinitAdapter;
import org.bootlab.app.sysinit.SysinitModel;
import org.bootlab.app.sysinit.SysinitView;
import org.bootlab.app.virtio.VirtioAdapter;
import org.bootlab.app.virtio.VirtioView;
import org.bootlab.app.session.CallTracking.SysinitState;
import org.bootlab.symbols.SysinitEntry;
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
    private final SourceView source;
    private final CallStackView callStack;
    /** Saved and compared boot traces: the flame charts (org.bootlab.app.timeline). */
    private final TimelineWorkspace timeline;
    private final SysinitView sysinits;
    private final VirtioView virtio;
    private final SysinitAdapter sysinitAdapter = new SysinitAdapter();
    private final DisassemblyAdapter disassemblyAdapter = new DisassemblyAdapter();
    private final SourceAdapter sourceAdapter = new SourceAdapter();
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
            public void stepOver() {
                session.stepOver();
            }

            @Override
            public void stepOut() {
                session.stepOut();
            }

            @Override
            public void stepSysinit() {
                session.stepSysinit();
            }

            @Override
            public void runToSubsystem() {
                chooseSubsystem();
            }

            @Override
            public void reverseStep() {
                session.reverseStep();
            }

            @Override
            public void reverseContinue() {
                session.reverseContinue();
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
        BreakpointsAdapter breakpointsAdapter = new BreakpointsAdapter(session);
        ConsoleAdapter consoleAdapter = new ConsoleAdapter(session);
        CallStackAdapter callStackAdapter = new CallStackAdapter();
        VirtioAdapter virtioAdapter = new VirtioAdapter();
        for (var probe : List.of(registersAdapter, memoryAdapter, disassemblyAdapter, breakpointsAdapter, consoleAdapter,
                sourceAdapter, callStackAdapter, sysinitAdapter, virtioAdapter)) {
            session.register(probe);
        }
        registers = new RegistersView(registersAdapter);
        memory = new MemoryView(memoryAdapter, session);
        disassembly = new DisassemblyView(disassemblyAdapter, breakpointsAdapter);
        console = new ConsoleView(consoleAdapter);
        source = new SourceView(sourceAdapter);
        callStack = new CallStackView(callStackAdapter, this::showCode);
        timeline = new TimelineWorkspace(stage, prefs.node("timeline"));
        session.register(new LiveTimeline(timeline));
        timeline.setOnFrameSelected(sel -> {
            if (sel != null && sel.address() >= 0) {
                showCode(sel.address());
            }
        });
        sysinits = new SysinitView(sysinitAdapter, row -> runToSysinit(row.entry(), row.state()));
        virtio = new VirtioView(virtioAdapter, session);

        pump.onPulse(console::pulse);
        pump.addView(registers::show);
        pump.addView(memory::show);
        pump.addView(disassembly::show);
        pump.addView(source::show);
        pump.addView(callStack::show);
        pump.addView(sysinits::show);
        pump.addView(virtio::show);
        pump.addView(status::show);
        pump.addView(s -> actions.setHasSysinits(s.model(sysinitAdapter).map(m -> !m.entries().isEmpty()).orElse(false)));
        pump.addView(actions::update);
        pump.addView(this::notifyProblem);

        root.setTop(new VBox(menuBar(), toolBar()));
        root.setCenter(views());
        root.setBottom(status);
        root.getStyleClass().add("bootlab-root");

        Scene scene = new Scene(root);
        scene.getStylesheets().add(MainWindow.class.getResource("bootlab.css").toExternalForm());
        actions.claimF10(scene);
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

    public SysinitView sysinits() {
        return sysinits;
    }

    public VirtioView virtio() {
        return virtio;
    }

    public SourceView source() {
        return source;
    }

    /** Shows the code at {@code address} in the disassembly and source views (a call stack frame's). */
    private void showCode(long address) {
        long pc = session.latest().pc();
        disassemblyAdapter.show(address, pc);
        sourceAdapter.show(address, pc);
        session.refresh();
    }

    /** A double-clicked SYSINIT: run to it if it is still to come. */
    private void runToSysinit(SysinitEntry entry, SysinitState state) {
        if (!session.latest().state().canRun()) {
            return;
        }
        if (state != SysinitState.PENDING) {
            status.problem("SYSINIT #" + entry.index() + " has " + (state == SysinitState.DONE ? "run" : "started")
                    + " already; Reverse Continue goes back");
            return;
        }
        session.runToSysinit(entry);
    }

    /** Run to Subsystem…: a chooser of the SI_SUB names the kernel's SYSINITs use, in boot order. */
    private void chooseSubsystem() {
        List<String> names = session.latest().model(sysinitAdapter).map(SysinitModel::entries).orElse(List.of())
                .stream().map(SysinitEntry::subsystemName).distinct().toList();
        if (names.isEmpty()) {
            return;
        }
        javafx.scene.control.ChoiceDialog<String> dialog = new javafx.scene.control.ChoiceDialog<>(names.get(0), names);
        dialog.initOwner(stage);
        dialog.setTitle("Run to Subsystem");
        dialog.setHeaderText("Run until the first SYSINIT of a subsystem is called");
        dialog.setContentText("Subsystem:");
        dialog.showAndWait().ifPresent(session::runToSubsystem);
    }

    /** Saves the layout and stops the emulator thread. */
    public void close() {
        pump.stop();
        layout.save(stage, splits);
        session.close();
    }

    private Node views() {
        TabPane code = tabs(new Tab("Disassembly", disassembly), new Tab("Source", source));
        TabPane io = tabs(
                new Tab("Console", console),
                new Tab("Memory", memory),
                new Tab("Virtio", virtio),
                new Tab("Timeline", timeline));
        TabPane machine = tabs(new Tab("SYSINIT", sysinits), new Tab("Call Stack", callStack));
        SplitPane left = split("left", Orientation.VERTICAL, code, io);
        left.setDividerPositions(0.55);
        SplitPane right = split("right", Orientation.VERTICAL, registers, machine);
        right.setDividerPositions(0.5);
        SplitPane main = split("main", Orientation.HORIZONTAL, left, right);
        main.setDividerPositions(0.56);
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
        Menu file = new Menu("File", null, boot, new SeparatorMenuItem());
        Menu compare = null;
        for (Menu m : timeline.menus()) {
            if (m.getText().equals("File")) {
                // Open, import, export, samples: moved into the window's own File menu.
                List<MenuItem> items = List.copyOf(m.getItems());
                m.getItems().clear();
                file.getItems().addAll(items);
            } else {
                compare = m;
            }
        }
        file.getItems().addAll(new SeparatorMenuItem(), quit);

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
        return compare == null ? new MenuBar(file, run, view, help) : new MenuBar(file, run, view, compare, help);
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
        timeline.setDark(dark);
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
