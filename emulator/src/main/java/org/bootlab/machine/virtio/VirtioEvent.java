package org.bootlab.machine.virtio;

/**
 * Something that happened between a driver and a device, for the timeline's device tracks.
 *
 * @param nanos  virtual time (nanoseconds since power-on)
 * @param slot   the virtio-mmio slot
 * @param device the device's name ("virtio-blk")
 * @param queue  the queue concerned, or -1
 * @param head   the chain's head descriptor for BUFFER_USED, else -1
 * @param length the used length for BUFFER_USED, the status for STATUS, else 0
 * @param detail a line for people ("IN sector 8, 4096 bytes: OK")
 */
public record VirtioEvent(long nanos, int slot, String device, Kind kind, int queue, int head, long length,
                          String detail) {

    public enum Kind {
        /** The driver wrote QueueNotify. */
        DRIVER_NOTIFY,
        /** The device put a chain in the used ring. */
        BUFFER_USED,
        /** The device raised its interrupt for used buffers. */
        USED_BUFFER_INTERRUPT,
        /** The device raised its interrupt for a configuration change. */
        CONFIG_CHANGE_INTERRUPT,
        /** The driver changed the status register (not to 0). */
        STATUS,
        /** The driver wrote 0 to the status register. */
        RESET,
        /** The device met a driver error it cannot recover from and set DEVICE_NEEDS_RESET. */
        DEVICE_NEEDS_RESET
    }
}
