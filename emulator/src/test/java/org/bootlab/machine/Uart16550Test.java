package org.bootlab.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bootlab.machine.TestWires.Clock;
import org.bootlab.machine.TestWires.Wire;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Uart16550Test {

    private static final int RBR = 0;
    private static final int IER = 1;
    private static final int IIR = 2;
    private static final int FCR = 2;
    private static final int LCR = 3;
    private static final int MCR = 4;
    private static final int LSR = 5;
    private static final int MSR = 6;
    private static final int SCR = 7;

    private final Wire irq = new Wire();
    private final Clock clock = new Clock();
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final List<Long> sentAt = new ArrayList<>();
    private Uart16550 uart;

    @BeforeEach
    void setUp() {
        uart = new Uart16550(irq, clock);
        uart.addListener((b, t) -> {
            sent.write(b);
            sentAt.add(t);
        });
    }

    private int rd(int reg) {
        return (int) uart.read(reg, 1);
    }

    private void wr(int reg, int value) {
        uart.write(reg, 1, value);
    }

    private void input(String s) {
        uart.offerInput(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void powerOnState() {
        assertEquals(0x60, rd(LSR), "THR and transmitter empty, no data");
        assertEquals(0x01, rd(IIR), "no interrupt");
        assertEquals(0xb0, rd(MSR), "DCD, DSR, CTS");
        assertEquals(0, rd(IER));
        assertFalse(irq.level);
        assertEquals(0x100, uart.size());
    }

    @Test
    void transmitsAtOnceWithVirtualTime() {
        clock.nanos = 1234;
        wr(RBR, 'h');
        clock.nanos = 1240;
        wr(RBR, 'i');
        assertEquals("hi", sent.toString(StandardCharsets.US_ASCII));
        assertEquals(List.of(1234L, 1240L), sentAt);
        assertEquals(0x60, rd(LSR), "THR is empty again at once");
    }

    @Test
    void widerAccessUsesTheLowByte() {
        uart.write(RBR, 4, 0x1234_5641);
        assertEquals("A", sent.toString(StandardCharsets.US_ASCII));
        uart.write(SCR, 8, 0xffff_ffff_ffff_ff5aL);
        assertEquals(0x5a, uart.read(SCR, 4));
        assertEquals(0x5a, uart.read(SCR, 8));
    }

    @Test
    void divisorLatchSharesAddressesWithRbrThrAndIer() {
        wr(LCR, 0x83);
        wr(RBR, 0x01);
        wr(IER, 0x02);
        assertEquals(0, sent.size(), "a DLL write transmits nothing");
        assertEquals(0x01, rd(RBR));
        assertEquals(0x02, rd(IER));
        wr(LCR, 0x03);
        assertEquals(0, rd(IER), "IER untouched by the DLM write");
        assertEquals(0x03, rd(LCR));
        assertFalse(irq.level);
    }

    @Test
    void thrEmptyInterruptRaisesClearsOnIirReadAndReturnsAfterTransmit() {
        wr(IER, 0x02);
        assertTrue(irq.level, "enabling THRI with THR empty interrupts at once");
        assertEquals(0x02, rd(IIR));
        assertFalse(irq.level, "reading IIR that shows THRI clears it");
        assertEquals(0x01, rd(IIR));
        wr(RBR, 'x');
        assertTrue(irq.level, "THR empty again after the byte left");
        wr(IER, 0x00);
        assertFalse(irq.level);
    }

    @Test
    void inputWaitsForPollAndWithoutFifoHoldsOneByte() {
        wr(IER, 0x01);
        input("ab");
        assertTrue(uart.hasPendingInput());
        assertEquals(0x60, rd(LSR), "offerInput only queues");
        assertFalse(irq.level);
        uart.pollInput();
        assertTrue(irq.level);
        assertEquals(0x04, rd(IIR), "received data available");
        assertEquals(0x61, rd(LSR));
        assertTrue(uart.hasPendingInput(), "16450 mode takes one byte at a time");
        assertEquals('a', rd(RBR));
        assertFalse(irq.level);
        assertEquals(0x60, rd(LSR));
        uart.pollInput();
        assertEquals('b', rd(RBR));
        assertFalse(uart.hasPendingInput());
        uart.pollInput();
        assertEquals(0x60, rd(LSR));
    }

    @Test
    void fifoFillsToSixteenAndReportsTriggerLevelThenTimeout() {
        wr(FCR, 0x81); // FIFO on, trigger level 8
        assertEquals(0xc1, rd(IIR), "FIFO-enabled bits in IIR");
        wr(IER, 0x01);
        input("0123456789abcdefXYZW");
        uart.pollInput();
        assertTrue(uart.hasPendingInput(), "four bytes wait for room");
        assertTrue(irq.level);
        assertEquals(0xc4, rd(IIR), "16 bytes >= trigger 8: data available");
        StringBuilder got = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            got.append((char) rd(RBR));
        }
        assertEquals(0xcc, rd(IIR), "6 bytes below the trigger: character timeout");
        assertTrue(irq.level);
        while ((rd(LSR) & 1) != 0) {
            got.append((char) rd(RBR));
        }
        assertFalse(irq.level);
        assertEquals("0123456789abcdef", got.toString());
        uart.pollInput();
        assertFalse(uart.hasPendingInput());
        got.setLength(0);
        while ((rd(LSR) & 1) != 0) {
            got.append((char) rd(RBR));
        }
        assertEquals("XYZW", got.toString());
    }

    @Test
    void fcrClearsTheReceiveFifo() {
        wr(FCR, 0x01);
        input("abc");
        uart.pollInput();
        wr(FCR, 0x03);
        assertEquals(0x60, rd(LSR));
        assertEquals(0xc1, rd(IIR));
    }

    @Test
    void receivedDataOutranksThrEmpty() {
        wr(IER, 0x03);
        input("z");
        uart.pollInput();
        assertEquals(0x04, rd(IIR));
        assertEquals('z', rd(RBR));
        assertEquals(0x02, rd(IIR), "then THR empty");
        assertFalse(irq.level);
    }

    @Test
    void peekHasNoSideEffects() {
        wr(FCR, 0x01);
        wr(IER, 0x03);
        input("q");
        uart.pollInput();
        int sets = irq.sets;
        for (int i = 0; i < 3; i++) {
            assertEquals('q', uart.peek(RBR, 1));
            assertEquals(0xc4, uart.peek(IIR, 1), "trigger level 1 reached");
            assertEquals(0x61, uart.peek(LSR, 1));
        }
        assertEquals(sets, irq.sets, "peek never drives the wire");
        assertEquals('q', rd(RBR));
        assertEquals(0xc2, uart.peek(IIR, 1));
        assertEquals(0xc2, uart.peek(IIR, 1), "peeking THRI does not clear it");
        assertTrue(irq.level);
        assertEquals(0, uart.peek(0x50, 4), "outside the registers");
    }

    @Test
    void loopbackFeedsTheReceiverAndOverrunsAreReported() {
        wr(MCR, 0x1b); // loopback, DTR, RTS, OUT2
        assertEquals(0xb0, rd(MSR), "DCD from OUT2, DSR from DTR, CTS from RTS");
        wr(IER, 0x05);
        wr(RBR, 'a');
        wr(RBR, 'b'); // 16450 mode: one byte of room
        assertEquals(0, sent.size(), "loopback sends nothing out");
        assertTrue(irq.level);
        assertEquals(0x06, rd(IIR), "line status outranks data");
        assertEquals(0x63, rd(LSR), "data ready and overrun");
        assertEquals(0x04, rd(IIR), "reading LSR cleared the overrun");
        assertEquals('a', rd(RBR));
        assertFalse(irq.level);
    }

    @Test
    void saveAndRestoreRoundTrip() throws Exception {
        wr(FCR, 0x41);
        wr(LCR, 0x83);
        wr(RBR, 0x0c);
        wr(LCR, 0x03);
        wr(IER, 0x01);
        wr(SCR, 0x99);
        input("hello");
        uart.pollInput();
        assertEquals('h', rd(RBR));
        byte[] state = TestWires.save(uart);

        Wire irq2 = new Wire();
        Uart16550 copy = new Uart16550(irq2, clock);
        TestWires.restore(copy, state);
        assertTrue(irq2.level, "restore drives the wire");
        for (int reg = 0; reg < 8; reg++) {
            assertEquals(uart.peek(reg, 1), copy.peek(reg, 1), "register " + reg);
        }
        StringBuilder got = new StringBuilder();
        while ((copy.read(LSR, 1) & 1) != 0) {
            got.append((char) copy.read(RBR, 1));
        }
        assertEquals("ello", got.toString());
        assertArrayEquals(state, TestWires.save(uart), "saving has no side effects");
    }

    @Test
    void resetClearsEverything() {
        wr(FCR, 0x01);
        wr(IER, 0x03);
        input("x");
        uart.pollInput();
        uart.reset();
        assertEquals(0x60, rd(LSR));
        assertEquals(0x01, rd(IIR));
        assertFalse(irq.level);
    }

    @Test
    void inputFromAnotherThreadArrivesInOrder() throws Exception {
        wr(FCR, 0x01);
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 1000; i++) {
                uart.offerInput(new byte[] {(byte) i, (byte) (i >> 8)});
            }
        });
        producer.start();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (producer.isAlive() || uart.hasPendingInput() || (rd(LSR) & 1) != 0) {
            uart.pollInput();
            while ((rd(LSR) & 1) != 0) {
                got.write(rd(RBR));
            }
        }
        producer.join();
        byte[] bytes = got.toByteArray();
        assertEquals(2000, bytes.length);
        for (int i = 0; i < 1000; i++) {
            assertEquals((byte) i, bytes[2 * i]);
            assertEquals((byte) (i >> 8), bytes[2 * i + 1]);
        }
    }
}
