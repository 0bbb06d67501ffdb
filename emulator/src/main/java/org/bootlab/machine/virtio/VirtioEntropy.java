package org.bootlab.machine.virtio;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;

/**
 * virtio-rng (virtio 1.2 §5.4): one request queue whose device-writable buffers the device
 * fills with random bytes. By default the bytes come from a seeded SplitMix64 generator, so a
 * run is reproducible and a snapshot rewinds the generator with the machine; with the host's
 * {@link SecureRandom} they are unpredictable and a restored run draws different bytes.
 */
public final class VirtioEntropy extends VirtioDevice {

    public static final int DEVICE_ID = 4;
    /** The seed of a machine that names none: every default run draws the same bytes. */
    public static final long DEFAULT_SEED = 0x426f_6f74_4c61_6221L; // "BootLab!"
    /** The most bytes one request gets (QEMU caps requests too); the rest of the buffer is left. */
    private static final int MAX_REQUEST = 64 * 1024;

    private final SecureRandom host;
    private long state;

    private VirtioEntropy(SecureRandom host, long seed) {
        this.host = host;
        this.state = seed;
    }

    /** Deterministic bytes from {@code seed}. */
    public static VirtioEntropy seeded(long seed) {
        return new VirtioEntropy(null, seed);
    }

    /** The host's SecureRandom. */
    public static VirtioEntropy host() {
        return new VirtioEntropy(new SecureRandom(), 0);
    }

    @Override
    public int deviceId() {
        return DEVICE_ID;
    }

    @Override
    public String name() {
        return "virtio-rng";
    }

    @Override
    long deviceFeatures() {
        return 0;
    }

    @Override
    String featureName(int bit) {
        return null;
    }

    @Override
    List<String> queueNames() {
        return List.of("requestq");
    }

    @Override
    byte[] configSpace() {
        return new byte[0];
    }

    @Override
    List<VirtioDeviceState.ConfigField> decodeConfig() {
        return List.of();
    }

    @Override
    void queueNotified(int queue) {
        transport.serve(queue, () -> true, this::fill);
    }

    /** Fills the writable buffers; a chain with none gets nothing (the device never writes readable ones). */
    private VirtioMmio.Completion fill(DescriptorChain chain) {
        if (!chain.allInRam()) {
            return new VirtioMmio.Completion(0, "a buffer lies outside RAM: nothing written");
        }
        byte[] bytes = new byte[(int) Math.min(chain.writableLength(), MAX_REQUEST)];
        nextBytes(bytes);
        chain.writeWritable(transport.memory(), 0, bytes, 0, bytes.length);
        return new VirtioMmio.Completion(bytes.length, bytes.length + " bytes of entropy");
    }

    private void nextBytes(byte[] bytes) {
        if (host != null) {
            host.nextBytes(bytes);
            return;
        }
        for (int i = 0; i < bytes.length; i += 8) {
            long r = splitMix64();
            for (int k = 0; k < 8 && i + k < bytes.length; k++) {
                bytes[i + k] = (byte) (r >>> (8 * k));
            }
        }
    }

    /** SplitMix64 (Steele, Lea and Flood), the generator behind java.util.SplittableRandom. */
    private long splitMix64() {
        state += 0x9e37_79b9_7f4a_7c15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xbf58_476d_1ce4_e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d0_49bb_1331_11ebL;
        return z ^ (z >>> 31);
    }

    /** The generator keeps its position across a driver reset: a reset is not a new boot. */
    @Override
    void resetDevice() {
    }

    @Override
    DecodedRequest decode(int queue, DescriptorChain chain, long usedLength) {
        return new DecodedRequest.Entropy(usedLength >= 0 ? usedLength : chain.writableLength());
    }

    @Override
    void saveDeviceState(DataOutput out) throws IOException {
        out.writeLong(state);
    }

    @Override
    void restoreDeviceState(DataInput in) throws IOException {
        state = in.readLong();
    }
}
