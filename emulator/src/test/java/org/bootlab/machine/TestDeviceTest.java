package org.bootlab.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestDeviceTest {

    private final List<String> calls = new ArrayList<>();
    private final TestDevice device = new TestDevice((status, code) -> calls.add(status + " " + code));

    @Test
    void passFailAndReset() {
        device.write(0, 4, 0x5555);
        device.write(0, 4, (42 << 16) | 0x3333);
        device.write(0, 4, 0x7777);
        device.write(0, 8, 0xffff_ffff_0001_3333L);
        assertEquals(List.of("POWER_OFF 0", "FAILED 42", "RESET 0", "FAILED 1"), calls);
    }

    @Test
    void otherValuesOffsetsAndWidthsAreIgnored() {
        device.write(0, 4, 0x1234);
        device.write(0, 4, 0);
        device.write(4, 4, 0x5555);
        device.write(0, 1, 0x55);
        assertEquals(List.of(), calls);
        assertEquals(0, device.read(0, 4));
        assertEquals(0, device.peek(0, 4));
        assertEquals(0x1000, device.size());
    }

    @Test
    void halfwordWriteCarriesAStatusButNoCode() {
        device.write(0, 2, 0x3333);
        assertEquals(List.of("FAILED 0"), calls);
    }
}
