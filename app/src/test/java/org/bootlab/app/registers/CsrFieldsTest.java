package org.bootlab.app.registers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bootlab.cpu.Csr;
import org.junit.jupiter.api.Test;

class CsrFieldsTest {

    @Test
    void causesAreNamedAsThePrivilegedSpecNamesThem() {
        assertEquals("supervisor timer interrupt", CsrFields.causeName(Long.MIN_VALUE | 5));
        assertEquals("store page fault", CsrFields.causeName(15));
        assertEquals("exception 24", CsrFields.causeName(24));
        assertEquals("interrupt 13: interrupt 13", CsrFields.describe(Csr.SCAUSE, Long.MIN_VALUE | 13));
    }

    @Test
    void satpShowsModeAsidAndRootTable() {
        assertEquals("MODE=Sv39 ASID=0 PPN=0x8022a (root table at 0x8022a000)",
                CsrFields.describe(Csr.SATP, 0x8000_0000_0008_022aL));
    }

    @Test
    void statusFieldsAreDecoded() {
        assertEquals("SIE=1 SPIE=0 SPP=S FS=Dirty SUM=1 MXR=0 SD=1",
                CsrFields.describe(Csr.SSTATUS, (1L << 63) | (1 << 18) | (3 << 13) | (1 << 8) | 2));
        assertEquals("SSIP STIP MEIP", CsrFields.describe(Csr.MIP, (1 << 1) | (1 << 5) | (1 << 11)));
    }
}
