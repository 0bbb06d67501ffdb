package org.bootlab.machine.virtio;

import java.util.List;

/**
 * What an inspector shows of one virtio device at one instant: an immutable copy, made on the
 * emulator thread by {@link VirtioMmio#inspect()} without side effects on the device or the
 * guest (no register reads, no writes to RAM).
 *
 * @param slot             the virtio-mmio slot, 0..7
 * @param base             the slot's physical address
 * @param irq              its PLIC source
 * @param status           the device status register
 * @param statusBits       its bits by name (ACKNOWLEDGE, DRIVER, FEATURES_OK, DRIVER_OK,
 *                         DEVICE_NEEDS_RESET, FAILED)
 * @param needsResetReason why the device stopped (DEVICE_NEEDS_RESET), or null
 * @param interruptStatus  InterruptStatus: bit 0 used buffer, bit 1 configuration change
 * @param deviceFeatures   what the device offers
 * @param driverFeatures   what the driver wrote to DriverFeatures
 * @param featuresOk       whether the device accepted them (FEATURES_OK)
 */
public record VirtioDeviceState(int slot, long base, int irq, int deviceId, String name,
                                int status, List<String> statusBits, String needsResetReason,
                                int interruptStatus, int configGeneration,
                                long deviceFeatures, long driverFeatures, boolean featuresOk,
                                List<Feature> features, List<ConfigField> config, List<Queue> queues) {

    public VirtioDeviceState {
        statusBits = List.copyOf(statusBits);
        features = List.copyOf(features);
        config = List.copyOf(config);
        queues = List.copyOf(queues);
    }

    /** A feature bit the device offers or the driver asked for. */
    public record Feature(int bit, String name, boolean offered, boolean requested) {
    }

    /** One field of the device configuration space, decoded. */
    public record ConfigField(String name, int offset, int size, long value, String text) {
    }

    /**
     * One split virtqueue.
     *
     * @param descAddr     the descriptor table (QueueDesc)
     * @param driverAddr   the available ring (QueueDriver)
     * @param deviceAddr   the used ring (QueueDevice)
     * @param ringsInRam   whether the three areas lie in RAM; if not, the lists below are empty
     * @param usedEvent    avail ring's used_event (meaningful with VIRTIO_F_EVENT_IDX)
     * @param availEvent   used ring's avail_event (meaningful with VIRTIO_F_EVENT_IDX)
     * @param lastAvailIdx the device's next available index to consume
     * @param deviceUsedIdx the device's used index (equals usedIdx unless the driver scribbled on it)
     * @param chains       the chains still available to the device, then those in the used ring,
     *                     decoded from guest memory as it is now
     */
    public record Queue(int index, String name, int maxSize, int size, boolean ready,
                        long descAddr, long driverAddr, long deviceAddr, boolean ringsInRam,
                        List<Descriptor> descriptors,
                        int availFlags, int availIdx, List<Integer> availRing, int usedEvent,
                        int usedFlags, int usedIdx, List<UsedElement> usedRing, int availEvent,
                        int lastAvailIdx, int deviceUsedIdx, List<Chain> chains) {

        public Queue {
            descriptors = List.copyOf(descriptors);
            availRing = List.copyOf(availRing);
            usedRing = List.copyOf(usedRing);
            chains = List.copyOf(chains);
        }
    }

    /** A descriptor table entry as the driver wrote it. */
    public record Descriptor(int index, long addr, long length, int flags, int next) {

        public boolean hasNext() {
            return (flags & Virtqueue.F_NEXT) != 0;
        }

        public boolean writable() {
            return (flags & Virtqueue.F_WRITE) != 0;
        }

        public boolean indirect() {
            return (flags & Virtqueue.F_INDIRECT) != 0;
        }
    }

    /** A used ring entry: the chain's head and the bytes the device wrote into it. */
    public record UsedElement(long id, long length) {
    }

    /**
     * A chain decoded as a request.
     *
     * @param completed  false while available to the device, true once in the used ring
     * @param usedLength the used ring's length for a completed chain, else -1
     * @param error      why the chain is malformed, or null
     * @param request    the request it carries, or null if malformed
     */
    public record Chain(int head, boolean completed, long usedLength,
                        List<DescriptorChain.Segment> segments, String error, DecodedRequest request) {

        public Chain {
            segments = List.copyOf(segments);
        }
    }
}
