package org.bootlab.app.virtio;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

import org.bootlab.app.session.EmulatorSession;
import org.bootlab.app.session.SessionSnapshot;
import org.bootlab.machine.virtio.DecodedRequest;
import org.bootlab.machine.virtio.DescriptorChain;
import org.bootlab.machine.virtio.VirtioDeviceState;
import org.bootlab.machine.virtio.VirtioEvent;

/**
 * The virtio inspector: device → queues on the left; for a device its status and features
 * decoded, for a queue its descriptor table, available ring, used ring and decoded requests as
 * tables; a hex dump of the buffer selected in one of them; the recent driver/device events.
 * Entries new since the last pause or step are highlighted.
 */
public final class VirtioView extends BorderPane {

    private static final PseudoClass NEW = PseudoClass.getPseudoClass("new");

    /** A table row: its cells, whether it is new, and the buffer it points at (length 0: none). */
    public record Row(List<String> cells, boolean fresh, long address, long length) {
    }

    /** A tree node: a device (queue -1) or one of its queues. */
    private record Node(int slot, int queue, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    private final VirtioAdapter adapter;
    private final EmulatorSession session;
    private final TreeItem<Node> root = new TreeItem<>(new Node(-1, -1, "devices"));
    private final TreeView<Node> tree = new TreeView<>(root);
    private final Label title = new Label("No machine");
    private final Label status = new Label();
    private final TabPane tabs = new TabPane();
    private final Table device = new Table("virtio-device", "Feature bit", "Name", "Offered", "Driver asked");
    private final Table config = new Table("virtio-config", "Config field", "Offset", "Value");
    private final Table descriptors = new Table("virtio-descriptors", "#", "Address", "Length", "Flags", "Next");
    private final Table avail = new Table("virtio-avail", "Slot", "Head");
    private final Table used = new Table("virtio-used", "Slot", "Id (head)", "Length");
    private final Table requests = new Table("virtio-requests", "#", "State", "Request", "Buffers")
            .widths(40, 120, 190, 260);
    private final Table events = new Table("virtio-events", "Virtual time", "Device", "Event", "Queue", "Detail")
            .widths(90, 120, 130, 45, 300);
    private final TextArea dump = new TextArea();
    private final Tab deviceTab = new Tab("Status & features", new SplitPane(device.view, config.view));
    private final List<Tab> queueTabs = List.of(new Tab("Requests", requests.view), new Tab("Descriptors", descriptors.view),
            new Tab("Available ring", avail.view), new Tab("Used ring", used.view));
    private VirtioModel model;
    /** Set while tables are refilled, so their selection changes do not count as the user's. */
    private boolean updating;

    public VirtioView(VirtioAdapter adapter, EmulatorSession session) {
        this.adapter = adapter;
        this.session = session;
        setId("virtio-view");
        getStyleClass().add("virtio-view");
        tree.setId("virtio-tree");
        tree.setShowRoot(false);
        root.setExpanded(true);
        tree.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> render());
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        ((SplitPane) deviceTab.getContent()).setOrientation(Orientation.VERTICAL);
        dump.setId("virtio-dump");
        dump.setEditable(false);
        dump.getStyleClass().add("hex-dump");
        dump.setPromptText("Select a descriptor, ring entry or request to see its buffer");
        for (Table t : List.of(descriptors, avail, used, requests)) {
            t.view.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
                if (!updating && now != null && now.length() > 0) {
                    adapter.requestDump(now.address(), now.length());
                    session.refresh();
                }
            });
        }
        title.getStyleClass().add("view-header");
        status.setWrapText(true);
        status.getStyleClass().add("view-note");
        VBox head = new VBox(2, title, status);
        head.setPadding(new Insets(4, 6, 4, 6));
        BorderPane detail = new BorderPane(tabs);
        detail.setTop(head);
        SplitPane top = new SplitPane(tree, detail);
        top.setDividerPositions(0.25);
        TabPane bottom = new TabPane(new Tab("Buffer", dump), new Tab("Events", events.view));
        bottom.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        bottom.setId("virtio-bottom");
        SplitPane all = new SplitPane(top, bottom);
        all.setOrientation(Orientation.VERTICAL);
        all.setDividerPositions(0.68);
        setCenter(all);
    }

    public void show(SessionSnapshot snapshot) {
        Optional<VirtioModel> m = snapshot.model(adapter);
        if (m.isEmpty()) {
            model = null;
            root.getChildren().clear();
            title.setText("No machine");
            return;
        }
        if (m.get() == model) {
            return;
        }
        model = m.get();
        updateTree();
        render();
        List<Row> rows = new ArrayList<>();
        for (VirtioEvent e : model.events()) {
            rows.add(new Row(List.of(String.format("%,.3f µs", e.nanos() / 1000.0), e.device() + " (slot " + e.slot() + ")",
                    e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                    e.queue() < 0 ? "" : Integer.toString(e.queue()), e.detail()), e.nanos() > model.sinceNanos(), 0, 0));
        }
        events.show(rows);
        if (!rows.isEmpty() && snapshot.isStill()) {
            events.view.scrollTo(rows.size() - 1);
        }
        dump.setText(model.dump() == null ? "" : hexDump(model.dump()));
    }

    /** Selects a queue of the device named {@code device} (e.g. "virtio-blk") by its index. */
    public void selectQueue(String deviceName, int queue) {
        for (TreeItem<Node> d : root.getChildren()) {
            if (d.getValue().label().contains(deviceName)) {
                for (TreeItem<Node> q : d.getChildren()) {
                    if (q.getValue().queue() == queue) {
                        tree.getSelectionModel().select(q);
                    }
                }
            }
        }
    }

    /** The request table's rows, for tests. */
    public List<Row> requestRows() {
        return List.copyOf(requests.rows);
    }

    private void updateTree() {
        List<TreeItem<Node>> devices = new ArrayList<>();
        for (VirtioDeviceState d : model.devices()) {
            TreeItem<Node> item = new TreeItem<>(new Node(d.slot(), -1,
                    String.format("slot %d: %s", d.slot(), d.name())));
            item.setExpanded(true);
            for (VirtioDeviceState.Queue q : d.queues()) {
                item.getChildren().add(new TreeItem<>(new Node(d.slot(), q.index(),
                        String.format("queue %d %s (%d)", q.index(), q.name(), q.size()))));
            }
            devices.add(item);
        }
        if (!sameShape(devices)) {
            Node selected = tree.getSelectionModel().getSelectedItem() == null ? null
                    : tree.getSelectionModel().getSelectedItem().getValue();
            root.getChildren().setAll(devices);
            for (TreeItem<Node> d : devices) {
                if (d.getValue().equals(selected)) {
                    tree.getSelectionModel().select(d);
                }
                for (TreeItem<Node> q : d.getChildren()) {
                    if (q.getValue().equals(selected)) {
                        tree.getSelectionModel().select(q);
                    }
                }
            }
        }
    }

    private boolean sameShape(List<TreeItem<Node>> devices) {
        if (devices.size() != root.getChildren().size()) {
            return false;
        }
        for (int i = 0; i < devices.size(); i++) {
            TreeItem<Node> a = devices.get(i);
            TreeItem<Node> b = root.getChildren().get(i);
            if (!a.getValue().equals(b.getValue()) || a.getChildren().size() != b.getChildren().size()) {
                return false;
            }
            for (int j = 0; j < a.getChildren().size(); j++) {
                if (!a.getChildren().get(j).getValue().equals(b.getChildren().get(j).getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    private void render() {
        if (model == null) {
            return;
        }
        TreeItem<Node> selected = tree.getSelectionModel().getSelectedItem();
        if (selected == null) {
            title.setText(model.devices().isEmpty() ? "No virtio devices" : "Select a device or a queue");
            status.setText("");
            tabs.getTabs().clear();
            return;
        }
        Node n = selected.getValue();
        VirtioDeviceState d = model.devices().stream().filter(x -> x.slot() == n.slot()).findFirst().orElse(null);
        if (d == null) {
            return;
        }
        title.setText(String.format("%s in slot %d at 0x%x, IRQ %d", d.name(), d.slot(), d.base(), d.irq()));
        status.setText(String.format("status 0x%02x %s%s · interrupt status 0x%x · config generation %d · features %s",
                d.status(), d.statusBits().isEmpty() ? "(reset)" : String.join(" | ", d.statusBits()),
                d.needsResetReason() == null ? "" : " — needs reset: " + d.needsResetReason(),
                d.interruptStatus(), d.configGeneration(), d.featuresOk() ? "accepted" : "not accepted (yet)"));
        if (n.queue() < 0) {
            if (!tabs.getTabs().equals(List.of(deviceTab))) {
                tabs.getTabs().setAll(deviceTab);
            }
            List<Row> features = new ArrayList<>();
            for (VirtioDeviceState.Feature f : d.features()) {
                features.add(new Row(List.of(Integer.toString(f.bit()), f.name(), yes(f.offered()), yes(f.requested())),
                        false, 0, 0));
            }
            device.show(features);
            List<Row> fields = new ArrayList<>();
            for (VirtioDeviceState.ConfigField c : d.config()) {
                fields.add(new Row(List.of(c.name(), String.format("0x%x (%d bytes)", c.offset(), c.size()), c.text()),
                        false, 0, 0));
            }
            config.show(fields);
            return;
        }
        VirtioDeviceState.Queue q = d.queues().stream().filter(x -> x.index() == n.queue()).findFirst().orElse(null);
        if (q == null) {
            return;
        }
        if (!tabs.getTabs().equals(queueTabs)) {
            tabs.getTabs().setAll(queueTabs);
        }
        status.setText(status.getText() + String.format("%nqueue %d %s: %d of %d entries, %s · descriptors 0x%x · "
                        + "available 0x%x idx %d · used 0x%x idx %d · device next %d",
                q.index(), q.name(), q.size(), q.maxSize(), q.ready() ? "ready" : "not ready", q.descAddr(),
                q.driverAddr(), q.availIdx(), q.deviceAddr(), q.usedIdx(), q.lastAvailIdx()));
        int[] since = model.since().get(VirtioAdapter.key(d.slot(), q.index()));
        List<Integer> freshHeads = new ArrayList<>();
        List<Row> availRows = new ArrayList<>();
        for (int s = 0; s < q.availRing().size(); s++) {
            boolean fresh = VirtioModel.isNew(since, 0, q.availIdx(), s, q.size());
            int head = q.availRing().get(s);
            if (fresh) {
                freshHeads.add(head);
            }
            availRows.add(new Row(List.of(Integer.toString(s), Integer.toString(head)), fresh, bufferAddress(q, head),
                    bufferLength(q, head)));
        }
        avail.show(availRows);
        List<Row> usedRows = new ArrayList<>();
        for (int s = 0; s < q.usedRing().size(); s++) {
            VirtioDeviceState.UsedElement e = q.usedRing().get(s);
            boolean fresh = VirtioModel.isNew(since, 1, q.usedIdx(), s, q.size());
            if (fresh) {
                freshHeads.add((int) e.id());
            }
            usedRows.add(new Row(List.of(Integer.toString(s), Long.toString(e.id()), Long.toString(e.length())), fresh,
                    bufferAddress(q, (int) e.id()), bufferLength(q, (int) e.id())));
        }
        used.show(usedRows);
        List<Row> descRows = new ArrayList<>();
        for (VirtioDeviceState.Descriptor x : q.descriptors()) {
            descRows.add(new Row(List.of(Integer.toString(x.index()), String.format("0x%x", x.addr()),
                    Long.toString(x.length()), flags(x), x.hasNext() ? Integer.toString(x.next()) : ""),
                    false, x.addr(), x.length()));
        }
        descriptors.show(descRows);
        List<Row> requestRows = new ArrayList<>();
        for (VirtioDeviceState.Chain c : q.chains()) {
            DescriptorChain.Segment first = c.segments().isEmpty() ? null : c.segments().get(0);
            requestRows.add(new Row(List.of(Integer.toString(c.head()),
                    c.completed() ? "used, " + c.usedLength() + " bytes written" : "available",
                    c.error() != null ? "malformed: " + c.error() : describe(c.request()),
                    segments(c)), freshHeads.contains(c.head()),
                    first == null ? 0 : first.addr(), first == null ? 0 : first.length()));
        }
        requests.show(requestRows);
    }

    private static long bufferAddress(VirtioDeviceState.Queue q, int head) {
        return head >= 0 && head < q.descriptors().size() ? q.descriptors().get(head).addr() : 0;
    }

    private static long bufferLength(VirtioDeviceState.Queue q, int head) {
        return head >= 0 && head < q.descriptors().size() ? q.descriptors().get(head).length() : 0;
    }

    private static String flags(VirtioDeviceState.Descriptor d) {
        List<String> f = new ArrayList<>();
        if (d.hasNext()) {
            f.add("NEXT");
        }
        if (d.writable()) {
            f.add("WRITE");
        }
        if (d.indirect()) {
            f.add("INDIRECT");
        }
        return String.join(" ", f);
    }

    private static String segments(VirtioDeviceState.Chain c) {
        StringBuilder s = new StringBuilder();
        for (DescriptorChain.Segment g : c.segments()) {
            if (s.length() > 0) {
                s.append(" → ");
            }
            s.append(String.format("#%d %s %d@0x%x", g.index(), g.writable() ? "W" : "R", g.length(), g.addr()));
        }
        return s.toString();
    }

    static String describe(DecodedRequest r) {
        if (r == null) {
            return "";
        }
        if (r instanceof DecodedRequest.Block b) {
            return String.format("%s sector %d, %d bytes%s", b.typeName(), b.sector(), b.dataLength(),
                    b.status() < 0 ? "" : ": " + b.statusName());
        }
        if (r instanceof DecodedRequest.NetFrame f) {
            return (f.transmit() ? "TX " : "RX ") + f.frameLength() + " bytes: " + f.summary();
        }
        if (r instanceof DecodedRequest.NetReceiveBuffer b) {
            return "receive buffer, " + b.capacity() + " bytes";
        }
        return "entropy, " + ((DecodedRequest.Entropy) r).length() + " bytes";
    }

    private static String yes(boolean b) {
        return b ? "yes" : "";
    }

    static String hexDump(VirtioModel.Dump d) {
        StringBuilder s = new StringBuilder();
        int[] b = d.bytes();
        for (int row = 0; row < b.length; row += 16) {
            s.append(String.format("%016x  ", d.address() + row));
            StringBuilder ascii = new StringBuilder();
            for (int i = row; i < row + 16; i++) {
                if (i >= b.length) {
                    s.append("   ");
                } else if (b[i] < 0) {
                    s.append("?? ");
                    ascii.append(' ');
                } else {
                    s.append(String.format("%02x ", b[i]));
                    ascii.append(b[i] >= 0x20 && b[i] < 0x7f ? (char) b[i] : '.');
                }
                if (i == row + 7) {
                    s.append(' ');
                }
            }
            s.append(' ').append(ascii).append('\n');
        }
        return s.toString();
    }

    /** A read-only table of string rows, new ones highlighted; keeps its selection across updates. */
    private final class Table {
        final TableView<Row> view;
        final ObservableList<Row> rows = FXCollections.observableArrayList();

        Table(String id, String... titles) {
            view = new TableView<>(rows);
            view.setId(id);
            view.getStyleClass().addAll("register-table", "virtio-table");
            view.setPlaceholder(new Label("Empty"));
            view.setFixedCellSize(24);
            view.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
            for (int i = 0; i < titles.length; i++) {
                int column = i;
                TableColumn<Row, String> c = new TableColumn<>(titles[i]);
                c.setSortable(false);
                c.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().cells().get(column)));
                view.getColumns().add(c);
            }
            view.setRowFactory(t -> new TableRow<>() {
                @Override
                protected void updateItem(Row r, boolean empty) {
                    super.updateItem(r, empty);
                    pseudoClassStateChanged(NEW, !empty && r != null && r.fresh());
                }
            });
        }

        /** Preferred column widths; the last column takes what is left. */
        Table widths(double... widths) {
            for (int i = 0; i < widths.length && i < view.getColumns().size(); i++) {
                view.getColumns().get(i).setPrefWidth(widths[i]);
            }
            return this;
        }

        void show(List<Row> fresh) {
            if (fresh.equals(rows)) {
                return;
            }
            int selected = view.getSelectionModel().getSelectedIndex();
            updating = true;
            try {
                rows.setAll(fresh);
                if (selected >= 0 && selected < rows.size()) {
                    view.getSelectionModel().select(selected);
                }
            } finally {
                updating = false;
            }
        }
    }
}
