package org.bootlab.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.bootlab.debug.Debugger;
import org.bootlab.debug.RunControl;
import org.bootlab.debug.gdb.ReplayedSession;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.MemoryMap;
import org.bootlab.machine.loader.BootImage;
import org.bootlab.machine.loader.ImageException;
import org.bootlab.machine.virtio.VirtioConfig;
import org.bootlab.symbols.Symbol;
import org.bootlab.symbols.SymbolTable;
import org.bootlab.symbols.SysinitEntry;

/**
 * Any bytes from a gdb client through the stub: the packet reader's framing ({@code $data#cs},
 * checksums, acknowledgements and NAKs, a '$' that starts over, 0x03 interrupts, oversized
 * packets), the dispatcher and the monitor commands, on a small machine with a disk, network
 * and entropy, directly booted into {@link #PROGRAM}. The program ends with an SBI power-off
 * within a few hundred instructions, so c, s, vCont, bs, bc and {@code monitor sysinit next}
 * stop by themselves; when the input has made the guest loop, what runs is paused when the
 * input ends, as when gdb goes away.
 *
 * <p>What must hold: the session ends within {@link #TIMEOUT_MILLIS} of the input's end; the
 * stub writes only acknowledgements and well-formed packets within PacketSize; and it never
 * answers with its replies for the unforeseen ({@code E02}, a failed call on the emulator
 * thread; {@code E03}, an exception it did not expect) nor reports a command that failed.
 * Malformed packets get {@code E01} and friends, which is what they are for.
 */
class GdbPacketFuzzTest {

    /** The longest packet data the stub sends or accepts (qSupported's PacketSize). */
    private static final int PACKET_SIZE = 0x4000;
    private static final long TIMEOUT_MILLIS = 20_000;
    private static final long ENTRY = MemoryMap.DRAM_BASE + 0x20_0000L;

    /**
     * The guest: a loop that stores, loads and calls (for watchpoints, step over and step
     * SYSINIT), then an SBI system reset. Its data word is at ENTRY + 0x100.
     */
    private static final int[] PROGRAM = {
        0x00000317, // _start: auipc t1, 0
        0x10030313, //         addi  t1, t1, 0x100
        0x00000293, //         li    t0, 0
        0x00128293, // loop:   addi  t0, t0, 1
        0x00533023, //         sd    t0, 0(t1)
        0x00033383, //         ld    t2, 0(t1)
        0x024000ef, //         jal   ra, leaf
        0x04000e13, //         li    t3, 64
        0xffc2c6e3, //         blt   t0, t3, loop
        0x535258b7, //         lui   a7, 0x53525      (SRST)
        0x3548889b, //         addiw a7, a7, 0x354
        0x00000813, //         li    a6, 0            (system_reset)
        0x00000513, //         li    a0, 0            (shutdown)
        0x00000593, //         li    a1, 0
        0x00000073, //         ecall
        0x00008067, // leaf:   ret
    };
    private static final long LOOP = ENTRY + 0x0c, LEAF = ENTRY + 0x3c;

    private static final List<Symbol> SYMBOLS = List.of(
            new Symbol("_start", ENTRY, LEAF - ENTRY, Symbol.Kind.FUNCTION, ".text"),
            new Symbol("leaf", LEAF, 4, Symbol.Kind.FUNCTION, ".text"),
            new Symbol("counter", ENTRY + 0x100, 8, Symbol.Kind.OBJECT, ".data"));
    /** leaf as a SYSINIT, "called by mi_startup" when the loop calls it. */
    private static final List<SysinitEntry> SYSINITS = List.of(
            new SysinitEntry(0, 0x100000, "SI_SUB_FUZZ", 0, ENTRY + 0x200, LEAF, "leaf", 7, "fuzz_leaf"));

    private static Path disk;

    @FuzzTest
    void packet(byte[] input) throws IOException, InterruptedException, ImageException {
        try (Machine machine = machine()) {
            RunControl rc = new RunControl(machine, new RunControl.Options(10_000, 16L << 20));
            rc.setSymbols(TABLE);
            rc.setSysinits(SYSINITS, LOOP, LEAF);
            Debugger debugger = new Debugger(rc);
            ReplayedSession.Transcript t;
            try {
                t = ReplayedSession.play(debugger, TABLE, SYSINITS, input, TIMEOUT_MILLIS);
            } finally {
                debugger.close();
            }
            checkReplies(t);
        }
    }

    private static void checkReplies(ReplayedSession.Transcript t) {
        byte[] out = t.replies();
        for (int i = 0; i < out.length; ) {
            int c = out[i] & 0xff;
            if (c == '+' || c == '-') {
                i++;
                continue;
            }
            assertTrue(c == '$', () -> "a stray byte " + c + " from the stub" + context(t));
            int hash = i + 1;
            int sum = 0;
            while (hash < out.length && out[hash] != '#') {
                assertFalse(out[hash] == '$', () -> "a '$' inside a reply" + context(t));
                sum += out[hash] & 0xff;
                hash++;
            }
            assertTrue(hash + 3 <= out.length, () -> "a reply without its checksum" + context(t));
            String data = new String(out, i + 1, hash - i - 1, StandardCharsets.ISO_8859_1);
            String checksum = new String(out, hash + 1, 2, StandardCharsets.ISO_8859_1);
            assertTrue(checksum.equals(String.format("%02x", sum & 0xff)),
                    () -> "checksum " + checksum + " of '" + abbreviate(data) + "'" + context(t));
            checkData(data, t);
            i = hash + 3;
        }
        assertFalse(t.log().contains("the command failed"), () -> "an execution command failed" + context(t));
        assertFalse(t.log().contains("bootlab: gdb client replay: "), () -> "the session failed" + context(t));
    }

    private static void checkData(String data, ReplayedSession.Transcript t) {
        assertTrue(data.length() <= PACKET_SIZE, () -> "a reply of " + data.length() + " bytes" + context(t));
        assertFalse(data.equals("E02") || data.equals("E03"), () -> "the stub answered " + data + context(t));
        for (int k = 0; k < data.length(); k++) {
            char ch = data.charAt(k);
            if (ch == '}') {
                k++; // an escaped byte
            } else {
                assertFalse(ch == '*', () -> "an unescaped '*' (run-length encoding) in '" + abbreviate(data) + "'"
                        + context(t));
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    private static String context(ReplayedSession.Transcript t) {
        return "\nstub's log:\n" + t.log();
    }

    private static final SymbolTable TABLE = new SymbolTable() {
        @Override
        public List<Symbol> symbols() {
            return SYMBOLS;
        }

        @Override
        public Optional<Symbol> containing(long address) {
            return SYMBOLS.stream().filter(s -> s.contains(address)).findFirst();
        }

        @Override
        public Optional<Symbol> byName(String name) {
            return SYMBOLS.stream().filter(s -> s.name().equals(name)).findFirst();
        }
    };

    /** A fresh machine per input (a RunControl takes the machine over for good). */
    private static Machine machine() throws IOException, ImageException {
        if (disk == null) {
            disk = Files.createTempFile("bootlab-gdb-fuzz", ".img");
            disk.toFile().deleteOnExit();
            Files.write(disk, new byte[64 * 1024]);
        }
        ByteBuffer code = ByteBuffer.allocate(4 * PROGRAM.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int word : PROGRAM) {
            code.putInt(word);
        }
        BootImage image = new BootImage("gdb-fuzz", ENTRY,
                List.of(new BootImage.Segment(ENTRY, code.array(), code.capacity())));
        VirtioConfig devices = new VirtioConfig(List.of(new VirtioConfig.Disk(disk, false, "fuzz")),
                new VirtioConfig.Net(VirtioConfig.Net.DEFAULT_MAC, null), VirtioConfig.Entropy.seeded());
        return new Machine(new MachineConfig(MachineConfig.MIN_MEM_MIB, "", null, image, devices));
    }
}
