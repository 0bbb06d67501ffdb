package org.bootlab.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.prefs.Preferences;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import javax.imageio.ImageIO;

import org.bootlab.app.session.RunState;

/**
 * Writes PNGs of the real workbench window to a folder: run by
 * {@code mvn -q -pl app -am verify -DskipTests -Pscreenshots} (headless, with Monocle), it boots
 * the embedded guest kernel, runs to a SYSINIT and steps into it, runs to the end, opens the
 * virtio inspector and switches themes, taking a snapshot of the window's scene at each stage.
 */
public final class ScreenshotTool {

    private static MainWindow window;
    private static Stage stage;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "screenshots");
        Files.createDirectories(out);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        fx(() -> {
            Preferences prefs = Preferences.userRoot().node("bootlab-screenshots");
            prefs.clear();
            stage = new Stage();
            window = new MainWindow(stage, prefs);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1480);
            stage.setHeight(920);
            stage.show();
            return null;
        });
        waitUntil(() -> window.session().latest().state() == RunState.PAUSED);

        // Paused inside a SYSINIT: run to SI_SUB_VM's first one (vm_mem_init), then a few steps
        // over into it; the source, disassembly, registers, SYSINIT table and status bar agree.
        window.session().runToSubsystem("SI_SUB_VM");
        waitUntil(() -> window.session().latest().message().startsWith("SYSINIT #")
                && window.session().latest().message().contains("SI_SUB_VM"));
        for (int i = 0; i < 6; i++) {
            long at = window.session().latest().position();
            window.session().stepOver();
            waitUntil(() -> window.session().latest().position() > at
                    && window.session().latest().state() == RunState.PAUSED);
        }
        fx(() -> {
            select("Source");
            select("SYSINIT");
            return null;
        });
        settle();
        save(out.resolve("debugger-in-sysinit.png"));

        // Run to the end of the boot: the console shows the kernel's lines and init's greeting.
        fx(() -> {
            select("Call Stack");
            select("Console");
            return null;
        });
        window.session().run();
        waitUntil(() -> window.session().latest().state() == RunState.FINISHED);
        settle();
        save(out.resolve("console-after-boot.png"));

        // The virtio inspector on the block device's request queue, a request's buffer dumped.
        fx(() -> {
            select("Virtio");
            select("Disassembly");
            ((javafx.scene.control.SplitPane) stage.getScene().lookup("#split-left")).setDividerPositions(0.3);
            window.virtio().selectQueue("virtio-blk", 0);
            return null;
        });
        settle();
        fx(() -> {
            javafx.scene.control.TableView<?> requests =
                    (javafx.scene.control.TableView<?>) stage.getScene().lookup("#virtio-requests");
            requests.getSelectionModel().select(0);
            return null;
        });
        settle();
        save(out.resolve("virtio-inspector.png"));
        fx(() -> {
            ((javafx.scene.control.SplitPane) stage.getScene().lookup("#split-left")).setDividerPositions(0.55);
            return null;
        });

        // The dark theme, the decoded CSRs and physical memory at the kernel's load address.
        fx(() -> {
            window.setDark(true);
            select("CSR");
            select("Memory");
            TextField address = (TextField) stage.getScene().lookup("#memory-address");
            for (Node n : stage.getScene().getRoot().lookupAll(".toggle-button")) {
                if (n instanceof ToggleButton b && b.getText().equals("Physical")) {
                    b.setSelected(true);
                }
            }
            address.setText("0x80200000");
            address.fireEvent(new javafx.event.ActionEvent());
            return null;
        });
        settle();
        save(out.resolve("registers-memory-dark.png"));

        fx(() -> {
            stage.close();
            return null;
        });
        Platform.exit();
        System.exit(0);
    }

    private static void select(String tabText) {
        for (Node n : stage.getScene().getRoot().lookupAll(".tab-pane")) {
            TabPane pane = (TabPane) n;
            for (Tab t : pane.getTabs()) {
                if (t.getText().equals(tabText)) {
                    pane.getSelectionModel().select(t);
                }
            }
        }
    }

    private static void save(Path file) throws Exception {
        WritableImage image = fx(() -> stage.getScene().snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        if (!ImageIO.write(png, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
        System.out.println("wrote " + file);
    }

    /** Lets the window's pulses show the newest snapshot. */
    private static void settle() throws InterruptedException {
        Thread.sleep(1500);
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the workbench did not reach the expected state");
            }
            Thread.sleep(50);
        }
    }

    private static <T> T fx(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }
}
