package org.bootlab.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.Ram;
import org.bootlab.machine.loader.BootImage;
import org.bootlab.machine.loader.ImageException;
import org.bootlab.machine.virtio.VirtioConfig;

/**
 * A small machine (16 MiB, a read-only disk, entropy and network devices) that a fuzz target
 * reuses for every input: {@link #reset()} brings the hart, the devices and every RAM page the
 * last input wrote back to the state right after construction, so each input runs on the same
 * machine, as its reproduction alone would. Building a machine per input would spend the
 * fuzzer's time zeroing 16 MiB.
 */
final class FuzzMachine {

    static final int MEM_MIB = MachineConfig.MIN_MEM_MIB;
    static final long BASE = MemoryMap.DRAM_BASE;

    final Machine machine;
    private final byte[] pristineState;
    private final long[][] pristinePages;

    /**
     * @param direct true for direct kernel boot (the machine answers SBI calls from S-mode),
     *               false for firmware boot (the hart starts in M-mode, no SBI)
     */
    FuzzMachine(boolean direct) {
        try {
            Path disk = Files.createTempFile("bootlab-fuzz", ".img");
            disk.toFile().deleteOnExit();
            Files.write(disk, new byte[64 * 1024]);
            VirtioConfig virtio = new VirtioConfig(List.of(new VirtioConfig.Disk(disk, false, "fuzz")),
                    new VirtioConfig.Net(VirtioConfig.Net.DEFAULT_MAC, null), VirtioConfig.Entropy.seeded());
            BootImage image = new BootImage("fuzz-image", BASE + (direct ? 0x20_0000L : 0),
                    List.of(new BootImage.Segment(BASE + (direct ? 0x20_0000L : 0), new byte[4], 4)));
            machine = new Machine(new MachineConfig(MEM_MIB, "console=ttyS0",
                    direct ? null : image, direct ? image : null, virtio));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ImageException e) {
            throw new IllegalStateException(e);
        }
        pristineState = machine.snapshotWithoutRam();
        Ram ram = machine.ram();
        pristinePages = new long[ram.pageCount()][];
        for (int p = 0; p < ram.pageCount(); p++) {
            if (!ram.isZeroPage(p)) {
                pristinePages[p] = new long[Ram.PAGE_SIZE / 8];
                ram.readPage(p, pristinePages[p]);
            }
        }
        ram.clearDirty();
    }

    private static final long[] ZERO_PAGE = new long[Ram.PAGE_SIZE / 8];

    /** Back to the state right after construction. */
    void reset() {
        Ram ram = machine.ram();
        for (int p = 0; p < ram.pageCount(); p++) {
            if (ram.isDirty(p)) {
                ram.writePage(p, pristinePages[p] != null ? pristinePages[p] : ZERO_PAGE);
            }
        }
        ram.clearDirty();
        machine.restoreWithoutRam(pristineState);
    }
}
