package org.bootlab.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bootlab.cpu.Csr;
import org.bootlab.cpu.Hart;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.Ram;
import org.bootlab.machine.virtio.VirtioSlots;
import org.bootlab.symbols.Disassembler;
import org.bootlab.symbols.ObjdumpCsrNames;

/**
 * Random instruction words on a small machine, in every privilege mode, with translation off,
 * Sv39 and Sv48, random page-table entries, random CSRs and registers pointing into RAM and at
 * every device: whatever the guest does, the emulator answers with a trap or a result, never a
 * Java exception. The same bytes go through the disassembler the debugger shows them with.
 *
 * <p>Input layout (a {@link FuzzedDataProvider}): machine kind, privilege, paging mode, CSR
 * values, page-table entries, registers, then the code itself (the rest of the input).
 */
class HartFuzzTest {

    /** Enough steps to run through a few traps and handlers; small enough for ~1000 inputs/s. */
    private static final long STEPS = 2_000;
    private static final long CODE = FuzzMachine.BASE;
    private static final int MAX_CODE = 4096;
    /** Page tables, well above the code: a root (Sv48), the Sv39 root, and a table of random entries. */
    private static final long ROOT48 = FuzzMachine.BASE + 0x10_0000L;
    private static final long ROOT39 = ROOT48 + 0x1000;
    private static final long LEAVES = ROOT48 + 0x2000;
    private static final long PTE_V = 1, PTE_R = 2, PTE_W = 4, PTE_X = 8, PTE_A = 64, PTE_D = 128;

    private static final int[] PRIVILEGES = {Hart.PRIV_U, Hart.PRIV_S, Hart.PRIV_M};
    /** Where registers point, so that loads and stores reach RAM, the page tables and every device. */
    private static final long[] BASES = {0, CODE, ROOT48, FuzzMachine.BASE + 0xc0_0000L, MemoryMap.TEST_BASE,
        MemoryMap.CLINT_BASE, MemoryMap.PLIC_BASE, MemoryMap.UART0_BASE, VirtioSlots.address(5),
        VirtioSlots.address(6), VirtioSlots.address(7), 0xc000_0000L, -1L << 38, 1L << 39};
    private static final int[] CSRS = {Csr.MSTATUS, Csr.MEDELEG, Csr.MIDELEG, Csr.MIE, Csr.MIP, Csr.SIE,
        Csr.MTVEC, Csr.STVEC, Csr.MCOUNTEREN, Csr.SCOUNTEREN, Csr.MENVCFG, Csr.MCOUNTINHIBIT, Csr.FCSR,
        Csr.PMPCFG0, Csr.PMPADDR0, Csr.PMPADDR0 + 1, Csr.MEPC, Csr.SEPC};

    private static FuzzMachine firmware;
    private static FuzzMachine direct;

    @FuzzTest
    void randomInstructions(FuzzedDataProvider data) {
        boolean directBoot = data.consumeBoolean();
        FuzzMachine fm = machine(directBoot);
        fm.reset();
        Machine m = fm.machine;
        Hart hart = m.hart();
        Ram ram = m.ram();

        int priv = data.pickValue(PRIVILEGES);
        int paging = data.consumeInt(0, 2); // bare, Sv39, Sv48
        int pokes = data.consumeInt(0, 6);
        for (int i = 0; i < pokes; i++) {
            int csr = data.consumeBoolean() ? data.pickValue(CSRS) : data.consumeInt(0, 0xfff);
            hart.pokeCsr(csr, data.consumeLong());
        }
        // Trap vectors inside the code, so handlers are random instructions too.
        hart.pokeCsr(Csr.MTVEC, CODE + data.consumeInt(0, MAX_CODE) + (data.consumeBoolean() ? 1 : 0));
        hart.pokeCsr(Csr.STVEC, CODE + data.consumeInt(0, MAX_CODE) + (data.consumeBoolean() ? 1 : 0));

        if (paging != 0) {
            long leafFlags = data.consumeInt(0, 0xff) | PTE_V | PTE_A | PTE_D | PTE_R | PTE_W | PTE_X;
            put(ram, ROOT48, 0, pointer(ROOT39));
            put(ram, ROOT39, 0, leaf(0, leafFlags));                    // devices, 1 GiB page
            put(ram, ROOT39, 2, leaf(FuzzMachine.BASE, leafFlags));    // RAM, 1 GiB page
            put(ram, ROOT39, 3, pointer(LEAVES));                      // 0xc0000000: random entries
            int entries = data.consumeInt(0, 8);
            for (int i = 0; i < entries; i++) {
                long table = data.pickValue(new long[] {ROOT48, ROOT39, LEAVES});
                put(ram, table, data.consumeInt(0, 511), data.consumeLong());
            }
            long mode = paging == 1 ? 8 : 9;
            long root = paging == 1 ? ROOT39 : ROOT48;
            hart.pokeCsr(Csr.SATP, mode << 60 | (long) data.consumeInt(0, 0xffff) << 44 | root >>> 12);
        }
        for (int r = 1; r < 32; r++) {
            hart.setX(r, data.consumeBoolean() ? data.pickValue(BASES) + data.consumeInt(-64, 0x2000)
                    : data.consumeLong());
        }
        byte[] code = data.consumeRemainingAsBytes();
        if (code.length > MAX_CODE) {
            code = java.util.Arrays.copyOf(code, MAX_CODE);
        }
        ram.load(0, code, 0, code.length);
        hart.setPc(CODE);
        hart.setPrivilege(priv);

        m.run(STEPS);

        int after = hart.privilege();
        assertTrue(after == Hart.PRIV_U || after == Hart.PRIV_S || after == Hart.PRIV_M, "privilege " + after);
        disassemble(code);
    }

    /** What the debugger's code view does with the same bytes. */
    private static void disassemble(byte[] code) {
        for (boolean aliases : new boolean[] {true, false}) {
            Disassembler d = new Disassembler(aliases, ObjdumpCsrNames.PrivSpec.V1_12, CODE + 0x800,
                    Long::toHexString);
            int offset = 0;
            while (offset < code.length) {
                offset += d.next(code, offset, CODE + offset).length();
            }
        }
    }

    private static FuzzMachine machine(boolean directBoot) {
        if (directBoot) {
            return direct != null ? direct : (direct = new FuzzMachine(true));
        }
        return firmware != null ? firmware : (firmware = new FuzzMachine(false));
    }

    private static long pointer(long table) {
        return (table >>> 12) << 10 | PTE_V;
    }

    private static long leaf(long pa, long flags) {
        return (pa >>> 12) << 10 | flags;
    }

    private static void put(Ram ram, long table, int index, long pte) {
        ram.write(table - FuzzMachine.BASE + 8L * index, 8, pte);
    }
}
