package org.bootlab.app;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import org.bootlab.app.session.BootSettings;
import org.bootlab.app.session.BootSettings.SortAlgorithm;
import org.bootlab.machine.MachineConfig;
import org.controlsfx.control.SegmentedButton;

/**
 * The Boot dialog: kernel (empty: the embedded guest kernel), optional firmware, disk (empty: the
 * embedded root disk with the embedded kernel), network and entropy devices (on by default),
 * memory, and the bootargs, with the SYSINIT sort chosen by a segmented button.
 */
final class BootDialog extends Dialog<BootSettings> {

    /** Debian's OpenSBI and U-Boot, as the README's firmware example boots them. */
    private static final Path DEBIAN_OPENSBI = Path.of("/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf");
    private static final Path DEBIAN_UBOOT = Path.of("/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin");

    private final TextField kernel = new TextField();
    private final TextField firmware = new TextField();
    private final TextField disk = new TextField();
    private final TextField bootargs = new TextField();
    private final CheckBox network = new CheckBox("virtio-net (BootLab's own network: a host at 192.0.2.2 answers ARP and ping)");
    private final CheckBox entropy = new CheckBox("virtio-rng (seeded: the same bytes every run)");
    private final Spinner<Integer> memory = new Spinner<>(MachineConfig.MIN_MEM_MIB, MachineConfig.MAX_MEM_MIB, 128, 16);

    BootDialog(Window owner, BootSettings current) {
        initOwner(owner);
        setTitle("Boot");
        setHeaderText("Choose what to boot. Leave the kernel empty for the embedded guest kernel.");
        kernel.setId("boot-kernel");
        kernel.setPromptText("embedded guest kernel");
        firmware.setPromptText("none: direct kernel boot, BootLab plays the SBI");
        disk.setId("boot-disk");
        disk.setPromptText("embedded root disk with the embedded kernel; none otherwise");
        bootargs.setId("boot-bootargs");
        bootargs.setPrefColumnCount(40);
        memory.setEditable(true);

        kernel.setText(current.kernel() == null ? "" : current.kernel().toString());
        firmware.setText(current.firmware() == null ? "" : current.firmware().toString());
        disk.setText(current.disk() == null ? "" : current.disk().toString());
        network.setSelected(current.network());
        entropy.setSelected(current.entropy());
        bootargs.setText(current.bootargs());
        memory.getValueFactory().setValue(current.memMiB());

        SegmentedButton sort = sortChooser(BootSettings.sortOf(current.bootargs()));
        Button uboot = new Button("Debian OpenSBI + U-Boot");
        uboot.setDisable(!Files.isReadable(DEBIAN_OPENSBI) || !Files.isReadable(DEBIAN_UBOOT));
        uboot.setOnAction(e -> {
            firmware.setText(DEBIAN_OPENSBI.toString());
            kernel.setText(DEBIAN_UBOOT.toString());
        });
        Button embedded = new Button("Embedded guest kernel");
        embedded.setOnAction(e -> {
            firmware.clear();
            kernel.clear();
        });

        GridPane grid = new GridPane();
        grid.getStyleClass().add("boot-form");
        grid.setHgap(8);
        grid.setVgap(8);
        int row = 0;
        grid.addRow(row++, new Label("Presets"), new HBox(6, embedded, uboot));
        grid.addRow(row++, new Label("Kernel"), kernel, browse(kernel, "Kernel (ELF or raw image)"));
        grid.addRow(row++, new Label("Firmware"), firmware, browse(firmware, "Firmware (ELF or raw image)"));
        grid.addRow(row++, new Label("Disk"), disk, browse(disk, "Disk image (read-only)"));
        grid.addRow(row++, new Label("Devices"), new javafx.scene.layout.VBox(4, network, entropy));
        grid.addRow(row++, new Label("Memory (MiB)"), memory);
        grid.addRow(row++, new Label("SYSINIT sort"), sort);
        grid.addRow(row, new Label("Bootargs"), bootargs);
        getDialogPane().setContent(grid);
        ButtonType boot = new ButtonType("Boot", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(boot, ButtonType.CANCEL);
        setResultConverter(b -> b == boot ? new BootSettings(path(kernel), path(firmware), path(disk),
                bootargs.getText(), memory.getValue(), network.isSelected(), entropy.isSelected()) : null);
    }

    private SegmentedButton sortChooser(SortAlgorithm initial) {
        SegmentedButton sort = new SegmentedButton();
        sort.setId("boot-sort");
        for (SortAlgorithm s : SortAlgorithm.values()) {
            ToggleButton b = new ToggleButton(s.name().toLowerCase(java.util.Locale.ROOT));
            b.setUserData(s);
            b.setSelected(s == initial);
            sort.getButtons().add(b);
        }
        sort.getToggleGroup().selectedToggleProperty().addListener((o, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                bootargs.setText(BootSettings.withSort(bootargs.getText(), (SortAlgorithm) now.getUserData()));
            }
        });
        return sort;
    }

    private Button browse(TextField field, String title) {
        Button b = new Button("Browse…");
        b.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            File f = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
            if (f != null) {
                field.setText(f.getPath());
            }
        });
        return b;
    }

    private static Path path(TextField field) {
        String s = field.getText().strip();
        return s.isEmpty() ? null : Path.of(s);
    }
}
