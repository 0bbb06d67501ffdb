package org.bootlab.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.loader.BootImage;
import org.bootlab.machine.loader.ElfLoader;
import org.bootlab.machine.loader.ImageException;

/**
 * Kernel and firmware files: the loader turns any bytes into a {@link BootImage} or an
 * {@link ImageException}, and the machine places any image it accepts or refuses it with an
 * {@link ImageException} (a segment outside RAM, over the device tree).
 */
class ElfLoaderFuzzTest {

    @FuzzTest
    void load(byte[] file) {
        BootImage image;
        try {
            image = ElfLoader.parse("fuzz.elf", file);
        } catch (ImageException e) {
            return;
        }
        for (BootImage.Segment s : image.segments()) {
            assertTrue(Long.compareUnsigned(s.data().length, s.memSize()) <= 0, "data fits the segment");
            assertTrue(Long.compareUnsigned(s.end(), s.paddr()) >= 0, "segment does not wrap");
        }
        boolean entryInside = image.segments().stream()
                .anyMatch(s -> Long.compareUnsigned(image.entry() - s.paddr(), s.memSize()) < 0);
        assertTrue(entryInside, "entry inside a segment");
        for (boolean direct : new boolean[] {true, false}) {
            try (Machine m = new Machine(new MachineConfig(MachineConfig.MIN_MEM_MIB, "",
                    direct ? null : image, direct ? image : null))) {
                m.run(100);
            } catch (ImageException e) {
                // a segment outside RAM or over the device tree: refused with a message
            }
        }
    }
}
