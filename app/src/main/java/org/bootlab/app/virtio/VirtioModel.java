package org.bootlab.app.virtio;

import java.util.List;
import java.util.Map;

import org.bootlab.machine.virtio.VirtioDeviceState;
import org.bootlab.machine.virtio.VirtioEvent;

/**
 * The virtio inspector at one moment.
 *
 * @param since      per queue ("slot:queue"), its {avail idx, used idx} when the machine stopped
 *                   before: ring entries past them are new; absent for queues new since then
 * @param sinceNanos the virtual time of that stop: later events are new
 * @param events     the most recent events, oldest first
 * @param dump       the selected buffer's bytes, or null
 */
public record VirtioModel(List<VirtioDeviceState> devices, Map<String, int[]> since, long sinceNanos,
                          List<VirtioEvent> events, Dump dump) {

    /** Physical memory bytes (-1 where nothing is mapped), copied once. */
    public record Dump(long address, int[] bytes) {
    }

    /** Whether ring slot {@code slot} of a ring of {@code size} holds an entry added since the last stop. */
    static boolean isNew(int[] since, int which, int now, int slot, int size) {
        if (size == 0) {
            return false;
        }
        int before = since == null ? 0 : since[which];
        int added = Math.min((now - before) & 0xffff, size);
        int offset = Math.floorMod(slot - before, size);
        return offset < added;
    }
}
