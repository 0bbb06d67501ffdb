package org.bootlab.cpu;

import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.loader.BootImage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A debugger's view of CSRs must be the hart's, not one the peek itself altered. */
class HartPeekCsrTest {

    @Test
    void mstatusShowsTheFpuOffAtReset() throws Exception {
        BootImage bios = new BootImage("empty", 0x8000_0000L, List.of(new BootImage.Segment(0x8000_0000L, new byte[4], 4)));
        Hart hart = new Machine(new MachineConfig(16, "", bios, null)).hart();
        assertEquals(0L, hart.peekCsr(Csr.MSTATUS) & Hart.MSTATUS_FS, "mstatus.FS");
        assertEquals(0L, hart.peekCsr(Csr.MSTATUS) & Hart.MSTATUS_SD, "mstatus.SD");
        assertEquals(0L, hart.peekCsr(Csr.FCSR), "fcsr reads even with the FPU off");
    }
}
