package org.bootlab.machine.virtio;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * What one kind of virtio device does behind the {@link VirtioMmio} transport: its ID,
 * features, configuration space, queues and requests. The transport owns the registers, the
 * status, the feature negotiation and the queues' configuration, and calls in here when the
 * driver notifies a queue. Devices answer synchronously: a notified request is done (and its
 * interrupt raised) before the driver's write to QueueNotify returns.
 */
public abstract class VirtioDevice {

    /** Set by the transport this device is plugged into. */
    protected VirtioMmio transport;

    void attach(VirtioMmio transport) {
        this.transport = transport;
    }

    public abstract int deviceId();

    /** "virtio-blk", "virtio-net", "virtio-rng". */
    public abstract String name();

    /** Device-specific feature bits offered (the transport adds VERSION_1 and the ring features). */
    abstract long deviceFeatures();

    /** A device-specific feature bit's name, or null. */
    abstract String featureName(int bit);

    abstract List<String> queueNames();

    /** The device configuration space as it reads now (little-endian). */
    abstract byte[] configSpace();

    /** The configuration space decoded field by field. */
    abstract List<VirtioDeviceState.ConfigField> decodeConfig();

    /** The driver notified queue {@code queue}, which is ready, with DRIVER_OK set. */
    abstract void queueNotified(int queue);

    /** Back to the device's power-on state (the driver wrote 0 to Status). */
    abstract void resetDevice();

    /** Reads a chain as a request, without side effects, for the inspector. */
    abstract DecodedRequest decode(int queue, DescriptorChain chain, long usedLength);

    abstract void saveDeviceState(DataOutput out) throws IOException;

    abstract void restoreDeviceState(DataInput in) throws IOException;

    /** Makes completed writes durable (host files); nothing to do for most devices. */
    void flush() throws IOException {
    }

    /** Releases host resources (files). */
    void close() throws IOException {
    }

    /** A little-endian field of the configuration space, as the inspector shows it. */
    static VirtioDeviceState.ConfigField field(byte[] config, String name, int offset, int size, String text) {
        long v = 0;
        for (int k = size - 1; k >= 0; k--) {
            v = v << 8 | (config[offset + k] & 0xff);
        }
        return new VirtioDeviceState.ConfigField(name, offset, size, v, text != null ? text : Long.toUnsignedString(v));
    }

    static void putLe(byte[] b, int offset, int size, long value) {
        for (int k = 0; k < size; k++) {
            b[offset + k] = (byte) (value >>> (8 * k));
        }
    }
}
