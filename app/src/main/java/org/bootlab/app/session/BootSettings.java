package org.bootlab.app.session;

import java.nio.file.Path;

/**
 * What to boot: the choices of the Boot dialog. A null kernel means the embedded guest kernel;
 * a null firmware means direct kernel boot (the microVM way).
 *
 * <p>Devices as {@code bootlab boot} attaches them: the embedded kernel gets the embedded root
 * disk unless another disk is chosen; network and entropy are on unless switched off.
 *
 * @param kernel   kernel image, or null for {@link GuestImages#EMBEDDED_KERNEL}
 * @param firmware M-mode firmware (OpenSBI, U-Boot), or null
 * @param disk     disk image for virtio-blk (read-only), or null: the embedded root disk with the
 *                 embedded kernel, no disk otherwise
 * @param bootargs the kernel command line
 * @param memMiB   guest RAM
 * @param network  whether a virtio-net device is attached (BootLab's own network)
 * @param entropy  whether a virtio-rng device (seeded: the same bytes every run) is attached
 */
public record BootSettings(Path kernel, Path firmware, Path disk, String bootargs, int memMiB,
                           boolean network, boolean entropy) {

    /** The SYSINIT sorts the guest kernel offers through {@code sysinit.sort=}. */
    public enum SortAlgorithm { BUBBLE, MERGE, QSORT;

        public String bootarg() {
            return "sysinit.sort=" + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public BootSettings {
        bootargs = bootargs == null ? "" : bootargs.strip();
    }

    /** The embedded guest kernel with its default bootargs, as BootLab starts. */
    public static BootSettings embeddedDefault() {
        return new BootSettings(null, null, null, SortAlgorithm.MERGE.bootarg(), 128, true, true);
    }

    /** Whether the embedded guest kernel boots (directly: no firmware, no kernel file). */
    public boolean embeddedKernel() {
        return kernel == null && firmware == null;
    }

    /** These bootargs with {@code sysinit.sort=} set to {@code sort}, other arguments kept. */
    public static String withSort(String bootargs, SortAlgorithm sort) {
        StringBuilder out = new StringBuilder();
        for (String arg : bootargs.strip().split("\\s+")) {
            if (!arg.isEmpty() && !arg.startsWith("sysinit.sort=")) {
                out.append(arg).append(' ');
            }
        }
        return out.append(sort.bootarg()).toString();
    }

    /** The sort named by these bootargs, or the kernel's default (merge). */
    public static SortAlgorithm sortOf(String bootargs) {
        for (String arg : bootargs.strip().split("\\s+")) {
            if (arg.startsWith("sysinit.sort=")) {
                for (SortAlgorithm s : SortAlgorithm.values()) {
                    if (arg.equals(s.bootarg())) {
                        return s;
                    }
                }
            }
        }
        return SortAlgorithm.MERGE;
    }

    /** A short name for the title bar and status messages. */
    public String describe() {
        String k = kernel == null ? "embedded guest kernel" : kernel.getFileName().toString();
        return firmware == null ? k : firmware.getFileName() + " + " + k;
    }
}
