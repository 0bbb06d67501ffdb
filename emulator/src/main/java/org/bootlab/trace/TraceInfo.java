package org.bootlab.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a trace is of: string properties, in the order they were set, saved in the native file's
 * header. The well-known keys are constants here; importers and later versions may add others.
 */
public final class TraceInfo {

    /** Where the trace came from: "bootlab", "chrome", "tslog", "folded", "initcall_debug". */
    public static final String SOURCE = "source";
    /** The file a trace was imported from. */
    public static final String SOURCE_FILE = "source.file";
    /** What the time axis counts: "virtual-ns" for BootLab's hart cycles (1 GHz). */
    public static final String CLOCK = "clock";
    public static final String MACHINE = "machine";
    public static final String MEM_MIB = "machine.mem.mib";
    public static final String BOOTARGS = "bootargs";
    public static final String KERNEL = "kernel";
    public static final String KERNEL_SHA256 = "kernel.sha256";
    public static final String FIRMWARE = "firmware";
    public static final String FIRMWARE_SHA256 = "firmware.sha256";
    /** How the run ended (a RunResult status, e.g. POWER_OFF). */
    public static final String EXIT = "exit";

    private final Map<String, String> properties = new LinkedHashMap<>();

    public TraceInfo set(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** The value, or null. */
    public String get(String key) {
        return properties.get(key);
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(properties);
    }
}
