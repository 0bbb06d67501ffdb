package org.bootlab.machine.virtio;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.bootlab.machine.EmptyVirtioSlot;
import org.bootlab.machine.IrqLine;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.MmioDevice;
import org.bootlab.machine.Ram;
import org.bootlab.machine.TimeSource;

/**
 * The machine's eight virtio-mmio slots: the configured devices in the slots
 * {@link VirtioConfig} assigns, an {@link EmptyVirtioSlot} in the others, and the event log
 * they share. This is what the inspector talks to.
 */
public final class VirtioSlots implements Closeable {

    private final MmioDevice[] slots = new MmioDevice[MemoryMap.VIRTIO_SLOTS];
    private final List<VirtioMmio> devices = new ArrayList<>();
    private final VirtioEventLog log = new VirtioEventLog();

    /**
     * Opens the host files (disks, pcap) and builds the devices.
     *
     * @param irqs the PLIC source for an IRQ number
     * @throws IOException naming the file that cannot be opened
     */
    public VirtioSlots(VirtioConfig config, Ram ram, TimeSource time, IntFunction<IrqLine> irqs) throws IOException {
        GuestMemory memory = new GuestMemory(ram, MemoryMap.DRAM_BASE);
        List<VirtioDevice> ordered = new ArrayList<>();
        try {
            for (VirtioConfig.Disk d : config.disks()) {
                ordered.add(new VirtioBlock(d.file(), d.writable(), d.serial()));
            }
            if (config.entropy() != null) {
                ordered.add(config.entropy().host() ? VirtioEntropy.host() : VirtioEntropy.seeded(config.entropy().seed()));
            }
            if (config.net() != null) {
                PcapWriter pcap = config.net().pcap() == null ? null : new PcapWriter(config.net().pcap());
                ordered.add(new VirtioNet(config.net().macBytes(), new NetResponder(), pcap));
            }
        } catch (IOException | RuntimeException e) {
            for (VirtioDevice d : ordered) {
                closeQuietly(d);
            }
            throw e;
        }
        int slot = MemoryMap.VIRTIO_SLOTS - 1;
        for (VirtioDevice d : ordered) {
            int irq = MemoryMap.VIRTIO_IRQ_BASE + slot;
            VirtioMmio transport = new VirtioMmio(slot, address(slot), irq, irqs.apply(irq), memory, time, log, d);
            slots[slot--] = transport;
            devices.add(transport);
        }
        for (int s = 0; s <= slot; s++) {
            slots[s] = new EmptyVirtioSlot();
        }
    }

    private static void closeQuietly(VirtioDevice d) {
        try {
            d.close();
        } catch (IOException e) {
            // Already failing for another reason, which is the one to report.
        }
    }

    public static long address(int slot) {
        return MemoryMap.VIRTIO_BASE + slot * MemoryMap.VIRTIO_STRIDE;
    }

    /** What answers at slot {@code slot}: a device's transport or an empty slot. */
    public MmioDevice slot(int slot) {
        return slots[slot];
    }

    /** The populated slots, in the order the devices were configured. */
    public List<VirtioMmio> devices() {
        return List.copyOf(devices);
    }

    /** Every device as the inspector shows it; emulator thread only. */
    public List<VirtioDeviceState> inspect() {
        return devices.stream().map(VirtioMmio::inspect).toList();
    }

    public VirtioEventLog eventLog() {
        return log;
    }

    /** Makes every acknowledged disk write durable (the guest powered off). */
    public void flush() throws IOException {
        IOException first = null;
        for (VirtioMmio d : devices) {
            try {
                d.flush();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Flushes and closes the host files. */
    @Override
    public void close() throws IOException {
        IOException first = null;
        for (VirtioMmio d : devices) {
            try {
                d.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
