package org.bootlab.machine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The ns16550a UART as QEMU models it (reg-shift 0, one byte per register). Transmission takes
 * no time: a byte written to THR goes to the listeners at once and THR is empty again. Reception
 * is fed from the host through {@link #offerInput}, which only queues; {@link #pollInput} moves
 * queued bytes into the receiver on the emulator thread, at points the machine chooses, so that
 * input enters the guest deterministically.
 *
 * <p>Simplifications, each invisible to a driver that follows the data sheet: the receiver is
 * never overrun by the host (bytes wait in the host queue until the FIFO has room), the modem
 * lines never change on their own (MSR shows DCD, DSR and CTS asserted, no deltas), and the
 * FIFO character timeout is taken to elapse at once, so a partly filled FIFO reports
 * "character timeout" as soon as it holds data below the trigger level.
 */
public final class Uart16550 implements MmioDevice {

    private static final int RBR_THR_DLL = 0;
    private static final int IER_DLM = 1;
    private static final int IIR_FCR = 2;
    private static final int LCR = 3;
    private static final int MCR = 4;
    private static final int LSR = 5;
    private static final int MSR = 6;
    private static final int SCR = 7;

    private static final int IER_RDI = 0x01;
    private static final int IER_THRI = 0x02;
    private static final int IER_RLSI = 0x04;

    private static final int IIR_NO_INT = 0x01;
    private static final int IIR_RLSI = 0x06;
    private static final int IIR_RDI = 0x04;
    private static final int IIR_CTI = 0x0c;
    private static final int IIR_THRI = 0x02;
    private static final int IIR_FIFOS_ENABLED = 0xc0;

    private static final int FCR_FIFO_ENABLE = 0x01;
    private static final int FCR_CLEAR_RX = 0x02;
    private static final int FCR_CLEAR_TX = 0x04;

    private static final int LCR_DLAB = 0x80;
    private static final int MCR_LOOPBACK = 0x10;

    private static final int LSR_DR = 0x01;
    private static final int LSR_OE = 0x02;
    private static final int LSR_THRE = 0x20;
    private static final int LSR_TEMT = 0x40;

    private static final int MSR_CTS = 0x10;
    private static final int MSR_DSR = 0x20;
    private static final int MSR_RI = 0x40;
    private static final int MSR_DCD = 0x80;

    static final int FIFO_SIZE = 16;
    private static final int[] RX_TRIGGER_LEVELS = {1, 4, 8, 14};

    private final IrqLine irq;
    private final TimeSource time;
    private final List<ConsoleListener> listeners = new CopyOnWriteArrayList<>();

    /** Bytes the host offered and the receiver has not taken yet; guarded by itself. */
    private final ArrayDeque<byte[]> hostQueue = new ArrayDeque<>();
    /** How much of the head chunk of {@link #hostQueue} the receiver already took. */
    private int hostHeadUsed;

    /** The receiver: a ring of {@link #FIFO_SIZE}, holding at most one byte in 16450 mode. */
    private final byte[] rx = new byte[FIFO_SIZE];
    private int rxHead;
    private int rxCount;

    private int ier;
    private int lcr;
    private int mcr;
    private int scr;
    private int fcr;
    private int dll;
    private int dlm;
    private boolean overrun;
    /** QEMU's thr_ipending: THR went empty and nobody has read IIR or written THR since. */
    private boolean thrInterruptPending;
    private boolean irqLevel;

    public Uart16550(IrqLine irq, TimeSource time) {
        this.irq = irq;
        this.time = time;
        reset();
    }

    /** Transmitted bytes go to every listener, in the order they were added. */
    public void addListener(ConsoleListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ConsoleListener listener) {
        listeners.remove(listener);
    }

    /** Queues host input for the receiver; safe from any thread. Takes a copy of the bytes. */
    public void offerInput(byte[] bytes) {
        if (bytes.length == 0) {
            return;
        }
        synchronized (hostQueue) {
            hostQueue.addLast(bytes.clone());
        }
    }

    /** Whether host input waits for room in the receiver; safe from any thread. */
    public boolean hasPendingInput() {
        synchronized (hostQueue) {
            return !hostQueue.isEmpty();
        }
    }

    /**
     * Takes one byte of queued host input past the receiver, or -1 if none: for a guest that
     * reads the console through the SBI instead of the UART. Emulator thread only.
     */
    public int takeHostInput() {
        synchronized (hostQueue) {
            byte[] head = hostQueue.peekFirst();
            if (head == null) {
                return -1;
            }
            int b = head[hostHeadUsed++] & 0xff;
            if (hostHeadUsed == head.length) {
                hostQueue.removeFirst();
                hostHeadUsed = 0;
            }
            return b;
        }
    }

    /**
     * Moves queued host input into the receiver as far as it has room and updates the interrupt.
     * Emulator thread only.
     */
    public void pollInput() {
        synchronized (hostQueue) {
            while (!hostQueue.isEmpty() && rxCount < rxCapacity()) {
                byte[] head = hostQueue.peekFirst();
                receive(head[hostHeadUsed++]);
                if (hostHeadUsed == head.length) {
                    hostQueue.removeFirst();
                    hostHeadUsed = 0;
                }
            }
        }
        updateIrq();
    }

    @Override
    public long size() {
        return MemoryMap.UART0_SIZE;
    }

    @Override
    public long read(long offset, int width) {
        if (offset < 0 || offset > SCR) {
            return 0;
        }
        int value;
        switch ((int) offset) {
            case RBR_THR_DLL:
                if (dlab()) {
                    value = dll;
                } else {
                    value = rxCount == 0 ? 0 : popRx();
                }
                break;
            case IIR_FCR:
                value = iir();
                if ((value & 0x0f) == IIR_THRI) {
                    thrInterruptPending = false;
                }
                break;
            case LSR:
                value = lsr();
                overrun = false;
                break;
            default:
                value = (int) peek(offset, width);
                break;
        }
        updateIrq();
        return value;
    }

    @Override
    public long peek(long offset, int width) {
        if (offset < 0 || offset > SCR) {
            return 0;
        }
        switch ((int) offset) {
            case RBR_THR_DLL:
                return dlab() ? dll : (rxCount == 0 ? 0 : rx[rxHead] & 0xff);
            case IER_DLM:
                return dlab() ? dlm : ier;
            case IIR_FCR:
                return iir();
            case LCR:
                return lcr;
            case MCR:
                return mcr;
            case LSR:
                return lsr();
            case MSR:
                return msr();
            default:
                return scr;
        }
    }

    @Override
    public void write(long offset, int width, long value) {
        if (offset < 0 || offset > SCR) {
            return;
        }
        int v = (int) value & 0xff;
        switch ((int) offset) {
            case RBR_THR_DLL:
                if (dlab()) {
                    dll = v;
                } else {
                    transmit(v);
                }
                break;
            case IER_DLM:
                if (dlab()) {
                    dlm = v;
                } else {
                    writeIer(v);
                }
                break;
            case IIR_FCR:
                writeFcr(v);
                break;
            case LCR:
                lcr = v;
                break;
            case MCR:
                mcr = v & 0x1f;
                break;
            case SCR:
                scr = v;
                break;
            default:
                // LSR and MSR are read-only.
                break;
        }
        updateIrq();
    }

    @Override
    public void reset() {
        ier = 0;
        lcr = 0;
        mcr = 0;
        scr = 0;
        fcr = 0;
        dll = 0;
        dlm = 0;
        overrun = false;
        thrInterruptPending = false;
        rxHead = 0;
        rxCount = 0;
        forceIrq();
    }

    /** The host queue is not guest state and is neither saved nor restored. */
    @Override
    public void saveState(DataOutput out) throws IOException {
        out.writeByte(ier);
        out.writeByte(lcr);
        out.writeByte(mcr);
        out.writeByte(scr);
        out.writeByte(fcr);
        out.writeByte(dll);
        out.writeByte(dlm);
        out.writeBoolean(overrun);
        out.writeBoolean(thrInterruptPending);
        out.writeByte(rxCount);
        for (int i = 0; i < rxCount; i++) {
            out.writeByte(rx[(rxHead + i) % FIFO_SIZE]);
        }
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        ier = in.readUnsignedByte() & 0x0f;
        lcr = in.readUnsignedByte();
        mcr = in.readUnsignedByte() & 0x1f;
        scr = in.readUnsignedByte();
        fcr = in.readUnsignedByte();
        dll = in.readUnsignedByte();
        dlm = in.readUnsignedByte();
        overrun = in.readBoolean();
        thrInterruptPending = in.readBoolean();
        int count = in.readUnsignedByte();
        if (count > FIFO_SIZE) {
            throw new IOException("UART snapshot holds " + count + " received bytes, more than "
                    + FIFO_SIZE);
        }
        rxHead = 0;
        rxCount = count;
        in.readFully(rx, 0, count);
        forceIrq();
    }

    /** The interrupt wire's level, as last driven. */
    public boolean irqAsserted() {
        return irqLevel;
    }

    private boolean dlab() {
        return (lcr & LCR_DLAB) != 0;
    }

    private boolean fifoEnabled() {
        return (fcr & FCR_FIFO_ENABLE) != 0;
    }

    private int rxCapacity() {
        return fifoEnabled() ? FIFO_SIZE : 1;
    }

    private int rxTriggerLevel() {
        return RX_TRIGGER_LEVELS[(fcr >> 6) & 3];
    }

    private void transmit(int b) {
        if ((mcr & MCR_LOOPBACK) != 0) {
            receive((byte) b);
        } else {
            long now = time.nanos();
            for (ConsoleListener l : listeners) {
                l.onByte(b, now);
            }
        }
        // The byte left at once, so THR is empty again, as after QEMU's transmit completes.
        thrInterruptPending = true;
    }

    private void receive(byte b) {
        if (rxCount == rxCapacity()) {
            overrun = true;
            return;
        }
        rx[(rxHead + rxCount) % FIFO_SIZE] = b;
        rxCount++;
    }

    private int popRx() {
        int b = rx[rxHead] & 0xff;
        rxHead = (rxHead + 1) % FIFO_SIZE;
        rxCount--;
        return b;
    }

    private void writeIer(int v) {
        int changed = (ier ^ v) & 0x0f;
        ier = v & 0x0f;
        if ((changed & IER_THRI) != 0) {
            // Enabling the THR interrupt while THR is empty raises it at once (QEMU does too,
            // and Linux's 8250 driver relies on it to start transmitting).
            thrInterruptPending = (ier & IER_THRI) != 0;
        }
    }

    private void writeFcr(int v) {
        if (((fcr ^ v) & FCR_FIFO_ENABLE) != 0) {
            // Switching between 16450 and FIFO mode resets both FIFOs, as on the real part.
            v |= FCR_CLEAR_RX | FCR_CLEAR_TX;
        }
        if ((v & FCR_CLEAR_RX) != 0) {
            rxHead = 0;
            rxCount = 0;
        }
        if ((v & FCR_CLEAR_TX) != 0) {
            thrInterruptPending = true;
        }
        fcr = v & 0xc9;
    }

    private int lsr() {
        int lsr = LSR_THRE | LSR_TEMT;
        if (rxCount > 0) {
            lsr |= LSR_DR;
        }
        if (overrun) {
            lsr |= LSR_OE;
        }
        return lsr;
    }

    private int msr() {
        if ((mcr & MCR_LOOPBACK) == 0) {
            return MSR_DCD | MSR_DSR | MSR_CTS;
        }
        // Loopback wires DTR to DSR, RTS to CTS, OUT1 to RI and OUT2 to DCD.
        return ((mcr & 0x01) != 0 ? MSR_DSR : 0) | ((mcr & 0x02) != 0 ? MSR_CTS : 0)
                | ((mcr & 0x04) != 0 ? MSR_RI : 0) | ((mcr & 0x08) != 0 ? MSR_DCD : 0);
    }

    /** The interrupt identification, highest priority first, as QEMU's serial_update_irq. */
    private int iir() {
        int id;
        if ((ier & IER_RLSI) != 0 && overrun) {
            id = IIR_RLSI;
        } else if ((ier & IER_RDI) != 0 && rxCount > 0) {
            id = fifoEnabled() && rxCount < rxTriggerLevel() ? IIR_CTI : IIR_RDI;
        } else if ((ier & IER_THRI) != 0 && thrInterruptPending) {
            id = IIR_THRI;
        } else {
            id = IIR_NO_INT;
        }
        return id | (fifoEnabled() ? IIR_FIFOS_ENABLED : 0);
    }

    private void updateIrq() {
        boolean level = (iir() & IIR_NO_INT) == 0;
        if (level != irqLevel) {
            irqLevel = level;
            irq.set(level);
        }
    }

    private void forceIrq() {
        irqLevel = (iir() & IIR_NO_INT) == 0;
        irq.set(irqLevel);
    }
}
