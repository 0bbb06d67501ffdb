package org.bootlab.debug.gdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The stub spoken to over a raw socket: the protocol's corners and whatever a client gets wrong. */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class GdbProtocolTest {

    private GuestBoot boot;

    @BeforeEach
    void start() throws Exception {
        boot = new GuestBoot();
    }

    @AfterEach
    void stop() throws Exception {
        boot.close();
    }

    private RawClient attach() throws Exception {
        RawClient c = new RawClient(boot.server.port());
        c.raw("+");
        return c;
    }

    /**
     * Makes the guest spin forever at its entry ("j ."), so that it is still running when
     * interrupted; returns the instruction that was there.
     */
    private static String spinAtEntry(RawClient c) throws Exception {
        String original = c.ask("m80200000,4");
        assertEquals("OK", c.ask("M80200000,4:6f000000"));
        return original;
    }

    /** The stub still answers and the machine still runs: one step from where it stands. */
    private static void stillWorks(RawClient c) throws Exception {
        String pc = c.ask("p20");
        assertEquals(16, pc.length(), pc);
        assertTrue(c.ask("s").startsWith("T05"));
        assertFalse(pc.equals(c.ask("p20")), "the step moved the pc");
    }

    @Test
    void handshakeAndTargetDescription() throws Exception {
        try (RawClient c = attach()) {
            String features = c.ask("qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=riscv");
            for (String f : new String[] {"PacketSize=4000", "qXfer:features:read+", "swbreak+", "hwbreak+",
                "ReverseStep+", "ReverseContinue+", "QStartNoAckMode+"}) {
                assertTrue(features.contains(f), features);
            }
            assertEquals("", c.ask("vMustReplyEmpty"));
            assertEquals("OK", c.ask("Hg0"));
            assertEquals("vCont;c;C;s;S", c.ask("vCont?"));
            assertEquals("1", c.ask("qAttached"));
            assertEquals("QC1", c.ask("qC"));
            assertEquals("m1", c.ask("qfThreadInfo"));
            assertEquals("l", c.ask("qsThreadInfo"));
            assertEquals("", c.ask("qSymbol::"));
            assertTrue(c.ask("?").startsWith("T05"));

            String xml = targetXml(c);
            for (String f : new String[] {"org.gnu.gdb.riscv.cpu", "org.gnu.gdb.riscv.fpu", "org.gnu.gdb.riscv.csr",
                "org.gnu.gdb.riscv.virtual", "name=\"pc\"", "name=\"ft0\"", "name=\"fcsr\"", "name=\"satp\"",
                "name=\"mstatus\"", "name=\"priv\"", "riscv:rv64"}) {
                assertTrue(xml.contains(f), f + " in " + xml);
            }
            assertTrue(xml.endsWith("</target>\n"), xml);
            assertEquals("E00", c.ask("qXfer:features:read:other.xml:0,100"));

            // g: x0..x31, pc, f0..f31 (8 bytes each), fflags, frm, fcsr (4 bytes each)
            String g = c.ask("g");
            assertEquals(2 * (33 * 8 + 32 * 8 + 3 * 4), g.length());
            assertEquals("0000208000000000", g.substring(32 * 16, 33 * 16), "pc at the kernel's entry");
        }
    }

    @Test
    void badChecksumsAreNakedAndResent() throws Exception {
        try (RawClient c = attach()) {
            c.raw("$?#00");
            assertEquals('-', c.readAck());
            // a NAK from the client makes the stub send its last packet again
            String first = c.ask("qC");
            c.raw("-");
            assertEquals(first, c.read());
            c.raw("$?#zz");
            assertEquals('-', c.readAck());
            stillWorks(c);
        }
    }

    @Test
    void malformedOverlongAndUnknownPacketsGetErrorsOrEmptyReplies() throws Exception {
        try (RawClient c = attach()) {
            for (String bad : new String[] {"m", "mzz,4", "m80200000", "m80200000,", "m80200000,ffffffffffffffff",
                "m1ffffffffffffffff,4", "M80200000,4:00", "M81000000,2:zz00", "X81000000,4:ab", "X81000000,1:}", "Z0", "Z0,xyz,4",
                "p", "pzz", "P20", "P20=12", "G1234", "T2", "vCont;", "vCont;x:1", "qXfer:features:read:target.xml",
                "qRcmd,zz", "Z2,81000000,0", "Z2,81000000,2000", "M80200000,4", "M81000000,1:0"}) {
                String reply = c.ask(bad);
                assertTrue(reply.startsWith("E"), bad + " -> " + reply);
            }
            assertEquals("E00", c.ask("p9999"));
            // found by the fuzz target: a G of the wrong size was answered as if the target had failed (E02),
            // an offset of 2^63 or more made qXfer fail (E03)
            assertEquals("E01", c.ask("G1234"));
            assertEquals("l", c.ask("qXfer:features:read:target.xml:ffffffffffffffff,10"));
            for (String unknown : new String[] {"qFrobnicate", "vFrobnicate", "!", "Qfoo:1", "jThreadsInfo", "Z7,0,0",
                "bx", "y", "qOffsets", "qTStatus"}) {
                assertEquals("", c.ask(unknown), unknown);
            }
            // unmapped memory: an error (before paging, 0 is no device)
            assertEquals("E14", c.ask("m0,8"));
            // a huge length reads what one reply holds
            String big = c.ask("m80200000,100000");
            assertEquals(PacketChannel.MAX_PACKET, big.length());
            // a packet longer than PacketSize is read to its end and refused
            assertEquals("E01", c.ask("X81000000,5000:" + "a".repeat(0x5000)));
            // junk between packets is skipped; a '$' inside a packet starts over
            c.raw("garbage+++");
            c.raw("$qFoo$");
            assertEquals("QC1", c.ask("qC"));
            stillWorks(c);
        }
    }

    @Test
    void memoryAndRegistersRoundTrip() throws Exception {
        try (RawClient c = attach()) {
            assertEquals("OK", c.ask("M81000000,4:deadbeef"));
            assertEquals("deadbeef", c.ask("m81000000,4"));
            // X: binary, with '}' escapes for '#', '$', '}' and '*'
            assertEquals("OK", c.ask("X81000010,4:\u0001}\u0003}\u0004}]"));
            assertEquals("0123247d", c.ask("m81000010,4"));
            assertEquals("OK", c.ask("X81000000,0:"));
            assertEquals("E14", c.ask("M10000000,1:00"), "MMIO is not written");
            assertEquals("OK", c.ask("P0a=3412000000000000"));
            assertEquals("3412000000000000", c.ask("pa"));
            assertEquals("OK", c.ask("P0=ffffffffffffffff"), "x0 ignores writes");
            assertEquals("0000000000000000", c.ask("p0"));
            assertTrue(c.ask("P21=0000000000000000").startsWith("E"), "f0 is not writable");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"priv\" [^>]*regnum=\"(\\d+)\"")
                    .matcher(targetXml(c));
            assertTrue(m.find());
            String priv = c.ask("p" + Integer.toHexString(Integer.parseInt(m.group(1))));
            assertEquals("0100000000000000", priv, "S-mode at the kernel's entry");
        }
    }

    /** target.xml, read 0x200 bytes at a time (it has no characters that need escapes). */
    private static String targetXml(RawClient c) throws Exception {
        StringBuilder xml = new StringBuilder();
        for (int offset = 0; ; ) {
            String part = c.ask("qXfer:features:read:target.xml:" + Integer.toHexString(offset) + ",200");
            assertTrue(part.startsWith("m") || part.startsWith("l"), part);
            xml.append(part.substring(1));
            offset += part.length() - 1;
            if (part.startsWith("l")) {
                return xml.toString();
            }
        }
    }

    @Test
    void ctrlCInterruptsARunningMachine() throws Exception {
        try (RawClient c = attach()) {
            String entry = spinAtEntry(c);
            c.send("vCont;c");
            Thread.sleep(200);
            for (String busy : new String[] {"g", "m80200000,4", "Z0,80200000,4", "s", "qRcmd,68656c70"}) {
                assertEquals("E.the target is running; interrupt it first", c.ask(busy), busy);
            }
            c.raw("\u0003");
            String stop = c.read();
            assertTrue(stop.startsWith("T02"), stop);
            assertEquals(stop, c.ask("?"));
            assertFalse(boot.debugger.isRunning());
            assertEquals(boot.address("_start"), littleEndian(c.ask("p20")));
            // a Ctrl-C while stopped is ignored; then breakpoints work as usual
            c.raw("\u0003");
            assertEquals("OK", c.ask("M80200000,4:" + entry));
            assertEquals("OK", c.ask("Z0," + Long.toHexString(boot.address("mi_startup")) + ",2"));
            String hit = c.ask("c");
            assertTrue(hit.startsWith("T05") && hit.contains("swbreak:;") == false && hit.contains("thread:1;"), hit);
            assertEquals(boot.address("mi_startup"), littleEndian(c.ask("p20")));
            String back = c.ask("bs");
            assertTrue(back.startsWith("T05"), back);
            assertFalse(boot.address("mi_startup") == littleEndian(c.ask("p20")));
        }
    }

    @Test
    void oneClientAtATimeAndReconnect() throws Exception {
        RawClient first = attach();
        first.ask("qSupported:swbreak+");
        String entry = spinAtEntry(first);
        try (RawClient second = attach()) {
            second.send("qSupported");
            String refusal = second.read();
            assertTrue(refusal.startsWith("E.") && refusal.contains("another gdb client is attached"), refusal);
            assertNull(second.read(), "then closed");
        }
        // the first client goes away while the machine runs: it is left paused
        first.send("c");
        Thread.sleep(200);
        first.close();
        try (RawClient again = attach()) {
            assertTrue(again.ask("?").startsWith("T0"));
            assertFalse(boot.debugger.isRunning());
            assertEquals("OK", again.ask("M80200000,4:" + entry));
            stillWorks(again);
            assertEquals("OK", again.ask("D"));
            assertTrue(again.closedByPeer());
        }
        assertFalse(boot.debugger.isRunning(), "detach leaves it paused");
        try (RawClient last = attach()) {
            assertEquals("OK", last.ask("QStartNoAckMode"));
            last.ackMode = false;
            last.acks();
            assertEquals("QC1", last.ask("qC"));
            assertEquals("", last.acks(), "no more acks");
            last.send("k");
            assertTrue(last.closedByPeer());
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (boot.kills.get() == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, boot.kills.get());
        assertTrue(boot.log().contains("refused"), boot.log());
    }

    @Test
    void monitorCommandsOverRawPackets() throws Exception {
        try (RawClient c = attach()) {
            c.send("qRcmd," + Hex.encode("sysinit next".getBytes(StandardCharsets.UTF_8)));
            StringBuilder out = new StringBuilder();
            String p;
            while ((p = c.read()).startsWith("O") && !p.equals("OK")) {
                out.append(Hex.decodeText(p.substring(1)));
            }
            assertEquals("OK", p);
            assertTrue(out.toString().contains("SYSINIT #0 "), out.toString());
            assertEquals(boot.sysinits.get(0).function(), littleEndian(c.ask("p20")));
            assertTrue(c.ask("?").startsWith("T05"));
            c.send("qRcmd," + Hex.encode("help".getBytes(StandardCharsets.UTF_8)));
            assertTrue(c.readSkippingOutput().equals("OK"));
        }
    }

    /** Found by the fuzz target: the session waited for the command's stop for ever, the slot stayed taken. */
    @Test
    void aClientThatGoesAwayDuringAMonitorCommandLeavesTheMachinePaused() throws Exception {
        String entry;
        try (RawClient c = attach()) {
            entry = spinAtEntry(c); // no SYSINIT is ever reached
            c.send("qRcmd," + Hex.encode("sysinit next".getBytes(StandardCharsets.UTF_8)));
            Thread.sleep(200);
        }
        try (RawClient again = attach()) {
            assertTrue(again.ask("?").startsWith("T0"));
            assertFalse(boot.debugger.isRunning());
            assertEquals("OK", again.ask("M80200000,4:" + entry));
            stillWorks(again);
        }
    }

    @Test
    void packetsFloodingABusySessionAreDroppedBeyondWhatItQueues() throws Exception {
        try (RawClient c = attach()) {
            String entry = spinAtEntry(c);
            c.send("qRcmd," + Hex.encode("sysinit next".getBytes(StandardCharsets.UTF_8))); // busy until Ctrl-C
            Thread.sleep(100);
            int sent = 400; // of 16 KB each: more than the 4 MiB the session queues
            String padding = "x".repeat(PacketChannel.MAX_PACKET - 16);
            for (int i = 0; i < sent; i++) {
                c.send("qFlood" + padding);
            }
            c.raw("\u0003");
            assertEquals("OK", c.readSkippingOutput());
            c.send("qC");
            int answered = 0;
            for (String p; !(p = c.read()).equals("QC1"); answered++) {
                assertEquals("", p);
            }
            assertTrue(answered > 0 && answered < sent, answered + " of " + sent + " answered");
            assertTrue(boot.log().contains("dropping what does not fit"), boot.log());
            assertEquals("OK", c.ask("M80200000,4:" + entry));
            stillWorks(c);
        }
    }

    private static long littleEndian(String hex) {
        return Hex.littleEndian(hex);
    }
}
