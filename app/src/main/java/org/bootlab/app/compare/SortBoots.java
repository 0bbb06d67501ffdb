package org.bootlab.app.compare;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javafx.concurrent.Task;
import org.bootlab.machine.ExitStatus;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.RunResult;
import org.bootlab.machine.loader.BootImage;
import org.bootlab.machine.loader.ImageLoader;
import org.bootlab.machine.virtio.VirtioConfig;
import org.bootlab.symbols.ElfFile;
import org.bootlab.symbols.ElfSymbolTable;
import org.bootlab.symbols.SysinitEntry;
import org.bootlab.symbols.SysinitTable;
import org.bootlab.trace.CallStackTracker;
import org.bootlab.trace.Trace;
import org.bootlab.trace.TraceInfo;

/**
 * "Compare sort algorithms": boots the embedded guest kernel once per SYSINIT sort
 * (sysinit.sort=bubble, merge, qsort) with its default devices and call-stack tracing, as
 * {@code bootlab profile} does, in the background; progress counts instructions against the
 * boots' expected lengths. The result is the traces, in the order of {@link #SORTS}.
 */
public final class SortBoots extends Task<List<Trace>> {

    public static final List<String> SORTS = List.of("bubble", "merge", "qsort");

    private static final String KERNEL = "/org/bootlab/guest/kernel.elf";
    private static final String DISK = "/org/bootlab/guest/disk.img";
    /** A boot's instructions, roughly: bubble sort's boot is the long one. Only scales the progress bar. */
    private static final long[] EXPECTED = {7_700_000, 1_400_000, 1_420_000};
    private static final long SLICE = 1_000_000;
    /** A boot that runs this long is not the guest kernel booting; stop it. */
    private static final long LIMIT = 2_000_000_000L;

    @Override
    protected List<Trace> call() throws Exception {
        byte[] kernel = resource(KERNEL);
        Path disk = Files.createTempFile("bootlab-disk-", ".img");
        try {
            try (InputStream in = SortBoots.class.getResourceAsStream(DISK)) {
                if (in == null) {
                    throw new IOException("this build has no embedded root disk (" + DISK + ")");
                }
                Files.copy(in, disk, StandardCopyOption.REPLACE_EXISTING);
            }
            ElfFile elf = ElfFile.parse("embedded kernel.elf", kernel);
            ElfSymbolTable symbols = ElfSymbolTable.of(elf);
            List<SysinitEntry> sysinits = SysinitTable.read(elf, symbols);
            long total = 0;
            for (long e : EXPECTED) {
                total += e;
            }
            long done = 0;
            List<Trace> traces = new ArrayList<>();
            for (int k = 0; k < SORTS.size(); k++) {
                String bootargs = "sysinit.sort=" + SORTS.get(k);
                updateMessage("Booting with " + bootargs + "…");
                BootImage image = ImageLoader.fromBytes("embedded kernel.elf", kernel, MemoryMap.KERNEL_LOAD);
                VirtioConfig devices = new VirtioConfig(
                        List.of(new VirtioConfig.Disk(disk, false, VirtioConfig.defaultSerial(0))),
                        new VirtioConfig.Net(VirtioConfig.Net.DEFAULT_MAC, null), VirtioConfig.Entropy.seeded());
                MachineConfig config = new MachineConfig(MachineConfig.DEFAULT_MEM_MIB, bootargs, null, image, devices);
                Trace trace = new Trace();
                trace.info().set(TraceInfo.SOURCE, "bootlab").set(TraceInfo.CLOCK, "virtual-ns")
                        .set(TraceInfo.BOOTARGS, bootargs).set(TraceInfo.KERNEL, "embedded kernel.elf");
                trace.sysinits().addAll(sysinits);
                try (Machine machine = new Machine(config)) {
                    CallStackTracker tracker = new CallStackTracker(machine, trace, symbols);
                    tracker.attach(machine);
                    RunResult result;
                    long ran = 0;
                    do {
                        if (isCancelled()) {
                            return List.of();
                        }
                        result = machine.run(SLICE);
                        ran = result.instructions();
                        updateProgress(done + Math.min(ran, EXPECTED[k]), total);
                    } while (result.status() == ExitStatus.INSTRUCTION_LIMIT && ran < LIMIT);
                    tracker.finish();
                    tracker.detach(machine);
                    trace.info().set(TraceInfo.EXIT, result.status().name());
                }
                done += EXPECTED[k];
                updateProgress(done, total);
                traces.add(trace);
            }
            updateMessage("Booted with " + String.join(", ", SORTS));
            return traces;
        } finally {
            Files.deleteIfExists(disk);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SortBoots.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("this build has no embedded guest kernel (" + name + ")");
            }
            return in.readAllBytes();
        }
    }
}
