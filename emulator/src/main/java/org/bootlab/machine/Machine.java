package org.bootlab.machine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bootlab.cpu.Hart;
import org.bootlab.cpu.HartHost;
import org.bootlab.machine.loader.BootImage;
import org.bootlab.machine.loader.ImageException;
import org.bootlab.machine.virtio.VirtioSlots;

/**
 * The microVM: one RV64GC hart, DRAM and the devices of QEMU's virt layout (CLINT, PLIC, an
 * ns16550a UART, the sifive test device and eight virtio-mmio slots), described to the guest by
 * a generated device tree.
 *
 * <p>Two ways to boot. Direct kernel boot (no firmware): the kernel is entered in S-mode with
 * a0 = hartid and a1 = DTB, and this class answers the guest's SBI calls itself, as KVM does.
 * Firmware boot: the firmware is entered in M-mode at its entry with the same registers, the
 * kernel (if any) waits in memory for it, as with QEMU's -bios and -kernel.
 *
 * <p>The virtio devices keep host files open (disk images, a pcap capture): {@link #close()}
 * the machine when done with it.
 */
public final class Machine implements Snapshottable, AutoCloseable {

    private final MachineConfig config;
    private final Ram ram;
    private final Bus bus;
    private final Hart hart;
    private final Clint clint;
    private final Plic plic;
    private final Uart16550 uart;
    private final TestDevice testDevice;
    private final VirtioSlots virtio;
    private final Sbi sbi;
    private final byte[] deviceTree;
    private final long deviceTreeAddress;
    private final List<ConsoleListener> consoleListeners = new CopyOnWriteArrayList<>();
    private final List<SbiListener> sbiListeners = new CopyOnWriteArrayList<>();

    private ExitStatus exitStatus;
    private int exitCode;
    private volatile boolean inputAttached;
    private final Object inputSignal = new Object();

    /** Builds the machine, loads the images and the device tree; ready to run. */
    public Machine(MachineConfig config) throws ImageException {
        this.config = config;
        this.ram = new Ram(config.memBytes());
        this.bus = new Bus(MemoryMap.DRAM_BASE, ram);
        this.hart = new Hart(0, bus, new Host());
        TimeSource time = new TimeSource() {
            @Override
            public long mtime() {
                return hart.mtime();
            }

            @Override
            public long nanos() {
                return hart.cycles();
            }
        };
        boolean direct = config.directBoot();
        // Under direct boot the VMM plays the SBI: the CLINT's timer becomes the supervisor timer.
        int timerIrq = direct ? Hart.IRQ_STI : Hart.IRQ_MTI;
        this.clint = new Clint(time, asserted -> hart.setInterruptLine(Hart.IRQ_MSI, asserted),
                asserted -> hart.setInterruptLine(timerIrq, asserted));
        clint.setTimerChangedListener(hart::requestEventCheck);
        this.plic = new Plic(asserted -> hart.setInterruptLine(Hart.IRQ_MEI, asserted),
                asserted -> hart.setInterruptLine(Hart.IRQ_SEI, asserted));
        this.uart = new Uart16550(plic.source(MemoryMap.UART0_IRQ), time);
        uart.addListener(this::emitConsole);
        this.testDevice = new TestDevice(this::powerOff);
        bus.map(MemoryMap.TEST_BASE, testDevice);
        bus.map(MemoryMap.CLINT_BASE, clint);
        bus.map(MemoryMap.PLIC_BASE, plic);
        bus.map(MemoryMap.UART0_BASE, uart);
        this.virtio = openVirtio(config, time);
        for (int i = 0; i < MemoryMap.VIRTIO_SLOTS; i++) {
            bus.map(VirtioSlots.address(i), virtio.slot(i));
        }
        this.sbi = new Sbi(this);

        this.deviceTree = VirtDeviceTree.build(config.memBytes(), config.bootargs());
        this.deviceTreeAddress = deviceTreeAddress(config.memBytes(), deviceTree.length);
        if (deviceTreeAddress < MemoryMap.DRAM_BASE) {
            throw new ImageException(String.format("the device tree (%d bytes, with a kernel command line of %d"
                    + " characters) does not fit in %d MiB of RAM; shorten the command line or give more memory",
                    deviceTree.length, config.bootargs().length(), config.memMiB()));
        }
        if (config.bios() != null) {
            load(config.bios());
        }
        if (config.kernel() != null) {
            load(config.kernel());
        }
        ram.load(deviceTreeAddress - MemoryMap.DRAM_BASE, deviceTree, 0, deviceTree.length);

        hart.setX(10, hart.hartId());
        hart.setX(11, deviceTreeAddress);
        if (direct) {
            enterKernelDirectly(config.kernel());
        } else {
            hart.setPc(config.bios().entry());
        }
    }

    private VirtioSlots openVirtio(MachineConfig config, TimeSource time) throws ImageException {
        try {
            return new VirtioSlots(config.virtio(), ram, time, plic::source);
        } catch (IOException e) {
            throw new ImageException("cannot open a virtio device's file: " + e.getMessage(), e);
        }
    }

    /** Where QEMU's virt machine puts the DTB: the end of DRAM (below 3 GiB), 2 MiB aligned. */
    private static long deviceTreeAddress(long memBytes, int size) {
        long top = Math.min(MemoryMap.DRAM_BASE + memBytes, 3072L << 20);
        return (top - size) & ~((2L << 20) - 1);
    }

    private void load(BootImage image) throws ImageException {
        long ramEnd = MemoryMap.DRAM_BASE + config.memBytes();
        for (BootImage.Segment s : image.segments()) {
            if (s.paddr() < MemoryMap.DRAM_BASE || s.end() > ramEnd || s.end() < s.paddr()) {
                throw new ImageException(String.format("%s: segment 0x%x..0x%x lies outside RAM 0x%x..0x%x",
                        image.origin(), s.paddr(), s.end(), MemoryMap.DRAM_BASE, ramEnd));
            }
            if (s.paddr() < deviceTreeAddress + deviceTree.length && s.end() > deviceTreeAddress) {
                throw new ImageException(String.format(
                        "%s: segment 0x%x..0x%x overlaps the device tree at 0x%x; give the machine more memory",
                        image.origin(), s.paddr(), s.end(), deviceTreeAddress));
            }
            ram.load(s.paddr() - MemoryMap.DRAM_BASE, s.data(), 0, s.data().length);
        }
    }

    /**
     * Direct boot: the state OpenSBI would leave behind when it jumps to the kernel. Exceptions
     * the kernel handles itself and the supervisor interrupts are delegated; the counters are
     * readable from S-mode; the hart starts in S-mode at the kernel's entry.
     */
    private void enterKernelDirectly(BootImage kernel) {
        hart.pokeCsr(org.bootlab.cpu.Csr.MEDELEG, 0xb1ffL);
        hart.pokeCsr(org.bootlab.cpu.Csr.MIDELEG, (1L << Hart.IRQ_SSI) | (1L << Hart.IRQ_STI) | (1L << Hart.IRQ_SEI));
        hart.pokeCsr(org.bootlab.cpu.Csr.MCOUNTEREN, 0xffff_ffffL);
        hart.pokeCsr(org.bootlab.cpu.Csr.MIE, (1L << Hart.IRQ_SSI) | (1L << Hart.IRQ_STI) | (1L << Hart.IRQ_SEI));
        hart.setPc(kernel.entry());
        hart.setPrivilege(Hart.PRIV_S);
    }

    // ------------------------------------------------------------------ running

    /**
     * Runs until the guest powers off or resets, {@code maxInstructions} more instructions have
     * been executed (retired or trapped), or {@link #requestStop()} is called. Call from one
     * thread only (the emulator thread).
     */
    public RunResult run(long maxInstructions) {
        if (maxInstructions < 0) {
            throw new IllegalArgumentException("negative instruction budget " + maxInstructions);
        }
        if (exitStatus == null) {
            long taken = hart.run(maxInstructions);
            if (exitStatus == null) {
                ExitStatus status = taken >= maxInstructions ? ExitStatus.INSTRUCTION_LIMIT
                        : hart.isWaitingForInterrupt() && !inputAttached ? ExitStatus.HALTED : ExitStatus.STOPPED;
                return result(status, 0);
            }
        }
        return result(exitStatus, exitCode);
    }

    private RunResult result(ExitStatus status, int code) {
        return new RunResult(status, code, hart.instructionsRetired(), hart.cycles());
    }

    /** Asks a running {@link #run} to return soon; safe from any thread. */
    public void requestStop() {
        hart.requestStop();
        synchronized (inputSignal) {
            inputSignal.notifyAll();
        }
    }

    /** Whether the guest has powered off or asked for a reset. */
    public boolean isFinished() {
        return exitStatus != null;
    }

    void powerOff(ExitStatus status, int code) {
        if (exitStatus == null) {
            exitStatus = status;
            exitCode = code;
            flushDisks();
        }
        hart.requestExit();
    }

    /** No write a disk acknowledged is lost when the guest powers off. */
    private void flushDisks() {
        try {
            virtio.flush();
        } catch (IOException e) {
            System.err.println("bootlab: flushing a disk image at power-off failed: " + e.getMessage());
        }
    }

    /** Flushes and closes the devices' host files (disk images, pcap capture). */
    @Override
    public void close() {
        try {
            virtio.close();
        } catch (IOException e) {
            System.err.println("bootlab: closing a virtio device's file failed: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ console

    /** Observes the SBI calls the machine answers itself (direct kernel boot). */
    public void addSbiListener(SbiListener listener) {
        sbiListeners.add(listener);
    }

    public void removeSbiListener(SbiListener listener) {
        sbiListeners.remove(listener);
    }

    void sbiCalled(long extension, long function, long nanos) {
        for (SbiListener l : sbiListeners) {
            l.onSbiCall(extension, function, nanos);
        }
    }

    public void addConsoleListener(ConsoleListener listener) {
        consoleListeners.add(listener);
    }

    public void removeConsoleListener(ConsoleListener listener) {
        consoleListeners.remove(listener);
    }

    void emitConsole(int b, long nanos) {
        for (ConsoleListener l : consoleListeners) {
            l.onByte(b, nanos);
        }
    }

    /**
     * Declares that console input may arrive (a terminal or a window is attached), so a guest
     * idling in WFI waits for it instead of being reported as halted.
     */
    public void setInputAttached(boolean attached) {
        inputAttached = attached;
    }

    /** Queues bytes for the UART's receiver; safe from any thread. */
    public void sendConsoleInput(byte[] bytes) {
        uart.offerInput(bytes);
        synchronized (inputSignal) {
            inputSignal.notifyAll();
        }
    }

    // ------------------------------------------------------------------ views

    public MachineConfig config() {
        return config;
    }

    public Hart hart() {
        return hart;
    }

    public Bus bus() {
        return bus;
    }

    public Ram ram() {
        return ram;
    }

    public Uart16550 uart() {
        return uart;
    }

    public Clint clint() {
        return clint;
    }

    public Plic plic() {
        return plic;
    }

    /** The virtio-mmio slots, their devices and event log: what a queue inspector reads. */
    public VirtioSlots virtio() {
        return virtio;
    }

    /** The flattened device tree blob handed to the guest in a1. */
    public byte[] deviceTree() {
        return deviceTree.clone();
    }

    public long deviceTreeAddress() {
        return deviceTreeAddress;
    }

    // ------------------------------------------------------------------ snapshots

    /** The whole machine's state, RAM included (a full copy: for saving, not for stepping back). */
    public byte[] snapshot() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            saveState(new DataOutputStream(bytes));
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void restore(byte[] snapshot) {
        try {
            restoreState(new DataInputStream(new ByteArrayInputStream(snapshot)));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a snapshot of this machine", e);
        }
    }

    /**
     * Everything but RAM: the hart, the devices and the run state, a few kilobytes. Reverse
     * execution keeps RAM as page diffs ({@link Ram#isDirty}) beside a chain of these.
     */
    public byte[] snapshotWithoutRam() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
            saveStateWithoutRam(new DataOutputStream(bytes));
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Restores what {@link #snapshotWithoutRam} saved; RAM is left as it is. */
    public void restoreWithoutRam(byte[] snapshot) {
        try {
            restoreStateWithoutRam(new DataInputStream(new ByteArrayInputStream(snapshot)));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a snapshot of this machine", e);
        }
    }

    @Override
    public void saveState(java.io.DataOutput out) throws IOException {
        saveStateWithoutRam(out);
        ram.saveState(out);
    }

    @Override
    public void restoreState(java.io.DataInput in) throws IOException {
        restoreStateWithoutRam(in);
        ram.restoreState(in);
    }

    private void saveStateWithoutRam(java.io.DataOutput out) throws IOException {
        hart.saveState(out);
        for (MmioDevice d : bus.devices()) {
            d.saveState(out);
        }
        out.writeInt(exitStatus == null ? -1 : exitStatus.ordinal());
        out.writeInt(exitCode);
    }

    private void restoreStateWithoutRam(java.io.DataInput in) throws IOException {
        hart.restoreState(in);
        for (MmioDevice d : bus.devices()) {
            d.restoreState(in);
        }
        int status = in.readInt();
        exitStatus = status < 0 ? null : ExitStatus.values()[status];
        exitCode = in.readInt();
    }

    // ------------------------------------------------------------------ the hart's host

    private final class Host implements HartHost {

        @Override
        public long service(long cycles) {
            clint.update();
            uart.pollInput();
            long cmp = clint.mtimecmp();
            if (cmp >= Long.MAX_VALUE / 100) {
                return Long.MAX_VALUE;
            }
            long deadline = cmp * 100;
            return deadline > cycles ? deadline : Long.MAX_VALUE;
        }

        @Override
        public boolean awaitExternalEvent() {
            if (!inputAttached) {
                return false;
            }
            synchronized (inputSignal) {
                if (!uart.hasPendingInput()) {
                    try {
                        inputSignal.wait(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
            }
            return true;
        }

        @Override
        public boolean handleSupervisorEcall(Hart h) {
            return config.directBoot() && sbi.call(h);
        }
    }
}
