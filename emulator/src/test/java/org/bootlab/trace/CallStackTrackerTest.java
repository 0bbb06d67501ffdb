package org.bootlab.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.bootlab.cpu.Hart;
import org.bootlab.machine.Machine;
import org.bootlab.machine.MachineConfig;
import org.bootlab.machine.loader.BootImage;
import org.bootlab.symbols.Symbol;
import org.bootlab.symbols.SymbolTable;
import org.junit.jupiter.api.Test;

/** The tracker's stack rules, driven by hand-made jumps and traps on an idle machine. */
class CallStackTrackerTest {

    private static final long START = 0x80200000L;
    private static final long MAIN = 0x80201000L;
    private static final long F = 0x80202000L;
    private static final long G = 0x80203000L;
    private static final long H = 0x80204000L;
    private static final long VECTOR = 0x80205000L;
    private static final long TSLOG = 0x80206000L;
    private static final long STRINGS = 0x80300000L;

    /** A tiny symbol table in test code (the lead may swap in ElfSymbolTable). */
    private static final SymbolTable SYMBOLS = new SymbolTable() {
        private final List<Symbol> list = List.of(fn("_start", START), fn("main", MAIN), fn("f", F), fn("g", G),
                fn("h", H), fn("trap_vector", VECTOR), fn("tslog", TSLOG));

        private static Symbol fn(String name, long at) {
            return new Symbol(name, at, 0x1000, Symbol.Kind.FUNCTION, ".text");
        }

        @Override
        public List<Symbol> symbols() {
            return list;
        }

        @Override
        public Optional<Symbol> containing(long address) {
            return list.stream().filter(s -> s.contains(address)).findFirst();
        }

        @Override
        public Optional<Symbol> byName(String name) {
            return list.stream().filter(s -> s.name().equals(name)).findFirst();
        }
    };

    private final Machine machine;
    private final Hart hart;
    private final Trace trace = new Trace();
    private final CallStackTracker tracker;

    CallStackTrackerTest() throws Exception {
        BootImage image = new BootImage("test", START, List.of(new BootImage.Segment(START, new byte[] {0x6f, 0, 0, 0}, 4)));
        machine = new Machine(new MachineConfig(16, "", null, image));
        hart = machine.hart();
        tracker = new CallStackTracker(machine, trace, SYMBOLS);
    }

    private void call(long from, long to) {
        hart.setX(1, from + 4);
        tracker.onJump(hart, from, to, 1, 0);
    }

    private void ret(long to) {
        tracker.onJump(hart, 0, to, 0, 1);
    }

    private List<String> names() {
        FrameList f = tracker.track().frames();
        return java.util.stream.IntStream.range(0, f.size())
                .mapToObj(i -> "  ".repeat(f.depth(i)) + trace.name(f.name(i)) + (f.isOpen(i) ? " (open)" : ""))
                .toList();
    }

    @Test
    void callsReturnsTailCallsAndUnwinds() {
        call(START + 0x10, MAIN);
        call(MAIN + 0x10, F);
        tracker.onJump(hart, F + 0x20, F + 0x8, 0, 0);  // a loop inside f: nothing
        tracker.onJump(hart, F + 0x30, G, 0, 0);        // tail call: g replaces f
        call(G + 0x10, H);
        call(H + 0x10, F);
        ret(MAIN + 0x14);                               // longjmp-like: unwinds f, h, g at once
        call(MAIN + 0x20, H);
        ret(MAIN + 0x24);
        ret(0x1234);                                    // returns nowhere we know: ignored
        assertEquals(List.of("_start (open)", "  main (open)", "    f", "    g", "      h", "        f", "    h"),
                names());
    }

    @Test
    void aJumpThatChangedNothingIsLookedAtAgainOnceTheStackChanged() {
        call(START + 0x10, MAIN);
        call(MAIN + 0x10, G);
        tracker.onJump(hart, G + 0x20, G, 0, 0);        // back to g's own start: a loop, nothing
        tracker.onJump(hart, G + 0x24, G, 0, 0);
        ret(MAIN + 0x14);
        tracker.onJump(hart, MAIN + 0x30, G, 0, 0);     // the same target from main: a tail call
        assertEquals(List.of("_start (open)", "  main", "    g", "  g (open)"), names());
    }

    @Test
    void trapsStackAboveAndReturnsPopTheirLevelOnly() {
        call(START + 0x10, MAIN);
        hart.setPc(VECTOR); // where the hart is when the trap hook runs: the handler's frame is named by it
        tracker.onTrap(hart, true, 5, 0, MAIN + 0x40, Hart.PRIV_S, Hart.PRIV_S);
        call(VECTOR + 0x10, F);
        ret(MAIN + 0x14);                               // main's return address, but below the barrier
        tracker.onTrapReturn(hart, Hart.PRIV_S, Hart.PRIV_S, MAIN + 0x40);
        ret(START + 0x14);
        List<String> n = names();
        assertEquals("_start (open)", n.get(0));
        assertEquals("  main", n.get(1));
        assertEquals("    [supervisor timer interrupt]", n.get(2));
        assertEquals("      trap_vector", n.get(3));
        assertEquals("        f", n.get(4));
        FrameList f = tracker.track().frames();
        assertEquals(InstantKind.INTERRUPT, tracker.track().instants().kind(0));
        assertEquals(5, tracker.track().instants().arg(0));
        assertEquals(false, f.isOpen(2));
    }

    /** Calls tslog(td, type, f, s) with the strings at those guest addresses (0 for none). */
    private void tslog(long td, int type, long f, long s) {
        hart.setX(10, td);
        hart.setX(11, type);
        hart.setX(12, f);
        hart.setX(13, s);
        call(MAIN + 0x20, TSLOG);
        ret(MAIN + 0x24);
    }

    private void poke(long pa, String text) {
        byte[] b = (text + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        machine.bus().ram().load(pa - machine.bus().ramBase(), b, 0, b.length);
    }

    @Test
    void tslogStringsAreReadFromGuestMemoryEachTime() {
        call(START + 0x10, MAIN);
        poke(STRINGS, "SYSINIT");
        poke(STRINGS + 0x100, "cpu");
        tslog(7, 0, STRINGS, STRINGS + 0x100);
        tslog(7, 1, STRINGS, STRINGS + 0x100);
        poke(STRINGS + 0x100, "clocks"); // the guest reuses a buffer: the same address, new text
        tslog(7, 0, STRINGS, STRINGS + 0x100);
        poke(STRINGS + 0x100, "cl\u00f6cks"); // same length in bytes as in chars no more
        tslog(7, 1, STRINGS, STRINGS + 0x100);
        tslog(7, 3, 0, 0);
        InstantList in = tracker.track().instants();
        List<String> records = java.util.stream.IntStream.range(0, in.size())
                .mapToObj(i -> in.kind(i) + " " + trace.name(in.name(i))
                        + (in.detail(i) == InstantList.NO_DETAIL ? "" : " " + trace.name(in.detail(i))))
                .toList();
        assertEquals(List.of("TSLOG_ENTER SYSINIT cpu", "TSLOG_EXIT SYSINIT cpu", "TSLOG_ENTER SYSINIT clocks",
                "TSLOG_EXIT SYSINIT cl\u00f6cks", "TSLOG_EVENT (null)"), records);
    }
}
