package org.bootlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import javafx.stage.Stage;

import org.bootlab.app.session.BootSettings;
import org.bootlab.app.session.RunState;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.Start;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** A guest that prints without end leaves the window responsive, and Pause stops it at once. */
class ResponsivenessTest extends WorkbenchWindowTest {

    /** lui t0,0x10000; li t1,'A'; sb t1,0(t0); j .-4: the UART's THR, forever. */
    private static final int[] PRINT_FOREVER = {0x100002b7, 0x04100313, 0x00628023, 0xffdff06f};

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @Test
    void aGuestPrintingWithoutEndCanBePaused(@TempDir Path dir) throws Exception {
        ByteBuffer code = ByteBuffer.allocate(PRINT_FOREVER.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int insn : PRINT_FOREVER) {
            code.putInt(insn);
        }
        Path kernel = Files.write(dir.resolve("print-forever.bin"), code.array());
        window.session().boot(new BootSettings(kernel, null, null, "", 16, false, false));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.session().latest().state() == RunState.PAUSED
                && window.session().latest().message().startsWith("Booted"));
        window.session().run();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.console().text().length() > 100_000);

        // The JavaFX thread answers quickly while the guest floods the console.
        for (int i = 0; i < 10; i++) {
            long t0 = System.nanoTime();
            WaitForAsyncUtils.asyncFx(() -> stage.isShowing()).get(2, TimeUnit.SECONDS);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1), "the FX thread answered within 1 s");
            Thread.sleep(100);
        }
        assertEquals(RunState.RUNNING, window.session().latest().state());

        long t0 = System.nanoTime();
        window.session().pause();
        WaitForAsyncUtils.waitFor(2, TimeUnit.SECONDS, () -> window.session().latest().state() == RunState.PAUSED);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1), "pause took effect within 1 s");
    }
}
