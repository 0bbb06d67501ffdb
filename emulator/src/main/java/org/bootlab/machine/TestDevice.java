package org.bootlab.machine;

import java.io.DataInput;
import java.io.DataOutput;

/**
 * SiFive's test "finisher" (sifive,test0/test1), which QEMU's virt machine also uses as the
 * syscon for poweroff and reboot. A write to offset 0 carries a status in its low 16 bits and a
 * code in the next 16: 0x5555 passes, 0x3333 fails with the code, 0x7777 resets. Like QEMU, only
 * the low 16 bits select the action, and unknown values are ignored. Reads return 0.
 */
public final class TestDevice implements MmioDevice {

    static final int FAIL = 0x3333;
    static final int PASS = 0x5555;
    static final int RESET = 0x7777;

    private final PowerControl power;

    public TestDevice(PowerControl power) {
        this.power = power;
    }

    @Override
    public long size() {
        return MemoryMap.TEST_SIZE;
    }

    @Override
    public long read(long offset, int width) {
        return 0;
    }

    @Override
    public long peek(long offset, int width) {
        return 0;
    }

    /** Byte writes cannot hold a status; QEMU rejects them too. */
    @Override
    public void write(long offset, int width, long value) {
        if (offset != 0 || width < 2) {
            return;
        }
        int status = (int) value & 0xffff;
        int code = width == 2 ? 0 : (int) (value >>> 16) & 0xffff;
        switch (status) {
            case PASS -> power.powerOff(ExitStatus.POWER_OFF, 0);
            case FAIL -> power.powerOff(ExitStatus.FAILED, code);
            case RESET -> power.powerOff(ExitStatus.RESET, 0);
            default -> { }
        }
    }

    @Override
    public void reset() {
    }

    /** The device has no state. */
    @Override
    public void saveState(DataOutput out) {
    }

    @Override
    public void restoreState(DataInput in) {
    }
}
