package org.bootlab.cpu;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.bootlab.machine.Bus;
import org.bootlab.machine.Ram;
import org.bootlab.machine.Snapshottable;

/**
 * One RV64GC hart: registers, CSRs, the privileged architecture (M, S and U modes, traps,
 * delegation, interrupts, Sv39/Sv48 through {@link Mmu}) and the step loop.
 *
 * <p>Virtual time: every instruction the hart attempts is one step and one cycle of a nominal
 * 1 GHz clock; WFI adds the cycles it sleeps. So {@code cycle} = steps + idle cycles,
 * {@code instret} = steps - exceptions, and mtime (10 MHz) = cycle / 100. Nothing here reads
 * the host clock: the same inputs always give the same run.
 *
 * <p>The step loop is the hot path. It executes {@link Block}s: straight-line code decoded once
 * and kept while its page's code generation and the translation epoch stand (a store into a
 * page that holds decoded code, or an SFENCE.VMA/satp write, makes it stale). Per instruction it
 * does nothing but load the decoded word, execute and count; the TLB-hit paths of loads and
 * stores are inlined. Interrupts, devices, listeners and limits are handled at "event" steps,
 * which bound how far a block may run, so they happen at exactly the same step every time.
 *
 * <p>PMP: the CSRs (16 entries) hold what is written, with WARL masking, but accesses are not
 * checked against them; the microVM has one trusted guest, like QEMU without PMP enforcement.
 */
public final class Hart implements Snapshottable {

    public static final int PRIV_U = 0, PRIV_S = 1, PRIV_M = 3;

    public static final long MSTATUS_SIE = 1L << 1, MSTATUS_MIE = 1L << 3, MSTATUS_SPIE = 1L << 5;
    public static final long MSTATUS_MPIE = 1L << 7, MSTATUS_SPP = 1L << 8, MSTATUS_MPP = 3L << 11;
    public static final long MSTATUS_FS = 3L << 13, MSTATUS_MPRV = 1L << 17, MSTATUS_SUM = 1L << 18;
    public static final long MSTATUS_MXR = 1L << 19, MSTATUS_TVM = 1L << 20, MSTATUS_TW = 1L << 21;
    public static final long MSTATUS_TSR = 1L << 22, MSTATUS_SD = 1L << 63;
    private static final long MSTATUS_UXL_SXL = (2L << 32) | (2L << 34);
    private static final long MSTATUS_WRITABLE = MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE
            | MSTATUS_SPP | MSTATUS_MPP | MSTATUS_FS | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR
            | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR;
    private static final long SSTATUS_WRITABLE = MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS
            | MSTATUS_SUM | MSTATUS_MXR;
    private static final long SSTATUS_VISIBLE = SSTATUS_WRITABLE | (3L << 32) | MSTATUS_SD;

    /** Interrupt numbers, which are also their bit positions in mip and mie. */
    public static final int IRQ_SSI = 1, IRQ_MSI = 3, IRQ_STI = 5, IRQ_MTI = 7, IRQ_SEI = 9, IRQ_MEI = 11;
    private static final long S_INTERRUPTS = (1L << IRQ_SSI) | (1L << IRQ_STI) | (1L << IRQ_SEI);
    private static final long ALL_INTERRUPTS = S_INTERRUPTS | (1L << IRQ_MSI) | (1L << IRQ_MTI) | (1L << IRQ_MEI);
    /** Exceptions medeleg can delegate: all but ECALL from M (11) and the reserved 10 and 14. */
    private static final long MEDELEG_WRITABLE = 0xb3ffL;

    /** misa: RV64 with A, C, D, F, I, M, S, U. */
    public static final long MISA = (2L << 62) | (1 << 0) | (1 << 2) | (1 << 3) | (1 << 5) | (1 << 8)
            | (1 << 12) | (1 << 18) | (1 << 20);

    /** Steps between checks for host requests (stop, console input) when no event is due. */
    private static final long POLL_STEPS = 1 << 16;

    private static final int BLOCK_CACHE_BITS = 12;
    private static final int BLOCK_CACHE_MASK = (1 << BLOCK_CACHE_BITS) - 1;
    private static final int NUM_PMP = 16;
    /** mhpmcounter3..31. */
    private static final int HPM_COUNTERS = 29;

    // architectural state
    /** x0..x31, and a slot 32 that decoded blocks write instead of x0, which stays zero. */
    final long[] x = new long[33];
    final long[] f = new long[32];
    long pc;
    int priv = PRIV_M;
    long mstatus = MSTATUS_UXL_SXL;
    long medeleg, mideleg, mie;
    /** mip bits written by software (SSIP, STIP, SEIP). */
    long mipSoftware;
    /** mip bits driven by devices (MSIP, MTIP, MEIP, SEIP; STIP under direct boot). */
    long mipLines;
    long mtvec, stvec, mepc, sepc, mcause, scause, mtval, stval, mscratch, sscratch;
    long mcounteren, scounteren, menvcfg, senvcfg, mcountinhibit;
    long satp;
    int fflags, frm;
    final long[] pmpaddr = new long[NUM_PMP];
    final long[] pmpcfg = new long[NUM_PMP / 8];
    /**
     * mhpmcounter3..31 and mhpmevent3..31. No events are implemented (every selector means "no
     * event"), so the counters hold what is written and never count. The spec also allows them
     * to be read-only zero; counters that hold their value are what QEMU's virt has, and
     * OpenSBI counts the counters it finds writable, so both machines boot alike.
     */
    final long[] hpmCounter = new long[HPM_COUNTERS], hpmEvent = new long[HPM_COUNTERS];
    long cycleOffset, instretOffset;
    /** LR reservation: address and the value loaded, as QEMU checks it (-1: none). */
    long reservationAddr = -1, reservationValue;
    private final long hartId;

    // time
    long steps, exceptions, idleCycles;
    private boolean waitingForInterrupt;

    // run control
    private long stepLimit;
    private long nextEvent;
    private boolean exitRequested;
    private volatile boolean stopRequested;

    private final Trap trap = new Trap();
    private final Mmu mmu;
    private final Ram ram;
    private final long ramBase;
    /** DRAM's words, for the step loop's inlined loads and stores. */
    private final long[] ramWords;
    private final Fpu fpu = new Fpu();
    private final HartHost host;
    private final java.util.List<HartListener> hartListeners = new java.util.ArrayList<>();
    /** All of {@link #hartListeners} as one (null when there are none), for the step loop's cheap test. */
    private HartListener listener;
    /** Whether any listener wants {@link HartListener#beforeInstruction}: the slow, per-instruction mode. */
    private boolean listenerSteps;

    /** Decoded blocks, direct-mapped by entry pc. */
    private final Block[] blocks = new Block[1 << BLOCK_CACHE_BITS];
    private static final Op[] OPS = Op.values();

    private final java.util.List<ControlFlowListener> flowListeners = new java.util.ArrayList<>();
    private ControlFlowListener flowListener;
    /** Execution breakpoints, or null when none are set: the step loop checks this per instruction. */
    private PcSet breakpoints;
    private boolean breakpointHit;

    public Hart(long hartId, Bus bus, HartHost host) {
        this.hartId = hartId;
        this.host = host;
        this.mmu = new Mmu(this, trap, bus);
        this.ram = bus.ram();
        this.ramBase = bus.ramBase();
        this.ramWords = ram.words();
        privilegeChanged();
    }

    // ------------------------------------------------------------------ run control

    /**
     * Runs at most {@code maxSteps} steps (instructions attempted, including those that trap),
     * returning early when the host asks to exit, someone calls {@link #requestStop()}, or an
     * execution breakpoint is reached (before that instruction executes; the first instruction
     * of a run never stops, so a run can continue from a breakpoint).
     *
     * @return the number of steps taken
     */
    public long run(long maxSteps) {
        long start = steps;
        stepLimit = maxSteps >= Long.MAX_VALUE - steps ? Long.MAX_VALUE : steps + maxSteps;
        exitRequested = false;
        breakpointHit = false;
        nextEvent = steps;
        final long[] x = this.x;
        final Mmu mmu = this.mmu;
        final long[] mem = ramWords;
        final byte[] pageFlags = ram.pageFlags();
        final int[] codeGeneration = ram.codeGenerations();
        final long[] loadTag = mmu.loadTag, loadOffset = mmu.loadOffset;
        final long[] storeTag = mmu.storeTag, storeOffset = mmu.storeOffset;
        final Block[] blocks = this.blocks;
        // pc and the step count live in locals; the fields are brought up to date before
        // anything that can look at them (slow paths, devices, traps, events).
        long pc = this.pc;
        long n = steps;
        final long firstStep = n;
        while (true) {
            if (n >= nextEvent) {
                this.pc = pc;
                steps = n;
                boolean go = serviceEvents();
                pc = this.pc; // an interrupt may have been taken
                n = steps;
                if (!go) {
                    break;
                }
            }
            long c = 0;
            boolean fetching = true;
            try {
                int slot = (int) (pc >>> 1) & BLOCK_CACHE_MASK;
                Block b = blocks[slot];
                if (b == null || b.tag != (pc ^ mmu.fetchKey) || b.epoch != mmu.epoch
                        || codeGeneration[b.page] != b.generation) {
                    this.pc = pc;
                    steps = n;
                    b = decodeBlock(pc, slot);
                }
                fetching = false;
                int limit = (int) Math.min(b.count, nextEvent - n);
                if (breakpoints != null) {
                    if (n != firstStep && breakpoints.contains(pc)) {
                        breakpointHit = true;
                        break;
                    }
                    limit = 1;
                }
                final long[] code = b.code;
                for (int i = 0; i < limit; i++) {
                    c = code[i];
                    final int insn = (int) c;
                    final int id = (int) (c >>> 32) & 0xff;
                    long npc = pc + Block.length(c);
                    n++;
                    switch (id) {
                        case OpId.LUI: x[Block.rd(c)] = insn & 0xfffff000; break;
                        case OpId.AUIPC: x[Block.rd(c)] = pc + (insn & 0xfffff000); break;
                        case OpId.JAL:
                            x[Block.rd(c)] = npc;
                            npc = pc + immJ(insn);
                            if (flowListener != null) {
                                this.pc = pc;
                                steps = n;
                                flowListener.onJump(this, pc, npc, rd(insn), 0);
                            }
                            break;
                        case OpId.JALR: {
                            long target = (x[rs1(insn)] + (insn >> 20)) & ~1L;
                            x[Block.rd(c)] = npc;
                            if (flowListener != null) {
                                this.pc = pc;
                                steps = n;
                                flowListener.onJump(this, pc, target, rd(insn), rs1(insn));
                            }
                            npc = target;
                            break;
                        }
                        case OpId.BEQ: if (x[rs1(insn)] == x[rs2(insn)]) npc = pc + immB(insn); break;
                        case OpId.BNE: if (x[rs1(insn)] != x[rs2(insn)]) npc = pc + immB(insn); break;
                        case OpId.BLT: if (x[rs1(insn)] < x[rs2(insn)]) npc = pc + immB(insn); break;
                        case OpId.BGE: if (x[rs1(insn)] >= x[rs2(insn)]) npc = pc + immB(insn); break;
                        case OpId.BLTU: if (x[rs1(insn)] + Long.MIN_VALUE < x[rs2(insn)] + Long.MIN_VALUE) npc = pc + immB(insn); break;
                        case OpId.BGEU: if (x[rs1(insn)] + Long.MIN_VALUE >= x[rs2(insn)] + Long.MIN_VALUE) npc = pc + immB(insn); break;
                        case OpId.LB: case OpId.LH: case OpId.LW: case OpId.LD:
                        case OpId.LBU: case OpId.LHU: case OpId.LWU: {
                            // funct3 gives the width (bits 0..1) and zero-extension (bit 2).
                            int funct3 = (insn >>> 12) & 7;
                            int width = 1 << (funct3 & 3);
                            long va = x[rs1(insn)] + (insn >> 20);
                            long vpn2 = va >>> 12;
                            int t2 = (int) vpn2 & Mmu.TLB_MASK;
                            long v;
                            if (loadTag[t2] == (vpn2 | mmu.dataKey) && (va & (width - 1)) == 0) {
                                long off = loadOffset[t2] | (va & 0xfff);
                                v = mem[(int) (off >>> 3)] >>> ((off & 7) << 3);
                            } else {
                                this.pc = pc;
                                steps = n;
                                v = mmu.load(va, width);
                                if (nextEvent <= n) {
                                    limit = i + 1;
                                }
                            }
                            int unused = 64 - (width << 3);
                            x[Block.rd(c)] = funct3 < 4 ? (v << unused) >> unused : (v << unused) >>> unused;
                            break;
                        }
                        case OpId.SB: case OpId.SH: case OpId.SW: case OpId.SD: {
                            int width = 1 << ((insn >>> 12) & 3);
                            long va = x[rs1(insn)] + immS(insn);
                            long value = x[rs2(insn)];
                            long vpn2 = va >>> 12;
                            int t2 = (int) vpn2 & Mmu.TLB_MASK;
                            if (storeTag[t2] == (vpn2 | mmu.dataKey) && (va & (width - 1)) == 0) {
                                long off = storeOffset[t2] | (va & 0xfff);
                                int page = (int) (off >>> 12);
                                byte flags = pageFlags[page];
                                if (flags != Ram.DIRTY) {
                                    // Ram.touch, inlined: mark dirty, and stale any code decoded from here.
                                    if ((flags & Ram.CODE) != 0) {
                                        codeGeneration[page]++;
                                    }
                                    pageFlags[page] = Ram.DIRTY;
                                }
                                int w = (int) (off >>> 3);
                                if (width == 8) {
                                    mem[w] = value;
                                } else {
                                    int shift = ((int) off & 7) << 3;
                                    long mask = ((1L << (width << 3)) - 1) << shift;
                                    mem[w] = (mem[w] & ~mask) | ((value << shift) & mask);
                                }
                            } else {
                                this.pc = pc;
                                steps = n;
                                mmu.store(va, width, value);
                                if (nextEvent <= n) {
                                    limit = i + 1;
                                }
                            }
                            break;
                        }
                        case OpId.ADDI: x[Block.rd(c)] = x[rs1(insn)] + (insn >> 20); break;
                        case OpId.SLTI: x[Block.rd(c)] = x[rs1(insn)] < (insn >> 20) ? 1 : 0; break;
                        case OpId.SLTIU: x[Block.rd(c)] = x[rs1(insn)] + Long.MIN_VALUE < (insn >> 20) + Long.MIN_VALUE ? 1 : 0; break;
                        case OpId.XORI: x[Block.rd(c)] = x[rs1(insn)] ^ (insn >> 20); break;
                        case OpId.ORI: x[Block.rd(c)] = x[rs1(insn)] | (insn >> 20); break;
                        case OpId.ANDI: x[Block.rd(c)] = x[rs1(insn)] & (insn >> 20); break;
                        case OpId.SLLI: x[Block.rd(c)] = x[rs1(insn)] << (insn >>> 20); break;
                        case OpId.SRLI: x[Block.rd(c)] = x[rs1(insn)] >>> (insn >>> 20); break;
                        case OpId.SRAI: x[Block.rd(c)] = x[rs1(insn)] >> (insn >>> 20); break;
                        case OpId.ADD: x[Block.rd(c)] = x[rs1(insn)] + x[rs2(insn)]; break;
                        case OpId.SUB: x[Block.rd(c)] = x[rs1(insn)] - x[rs2(insn)]; break;
                        case OpId.SLL: x[Block.rd(c)] = x[rs1(insn)] << x[rs2(insn)]; break;
                        case OpId.SLT: x[Block.rd(c)] = x[rs1(insn)] < x[rs2(insn)] ? 1 : 0; break;
                        case OpId.SLTU: x[Block.rd(c)] = x[rs1(insn)] + Long.MIN_VALUE < x[rs2(insn)] + Long.MIN_VALUE ? 1 : 0; break;
                        case OpId.XOR: x[Block.rd(c)] = x[rs1(insn)] ^ x[rs2(insn)]; break;
                        case OpId.SRL: x[Block.rd(c)] = x[rs1(insn)] >>> x[rs2(insn)]; break;
                        case OpId.SRA: x[Block.rd(c)] = x[rs1(insn)] >> x[rs2(insn)]; break;
                        case OpId.OR: x[Block.rd(c)] = x[rs1(insn)] | x[rs2(insn)]; break;
                        case OpId.AND: x[Block.rd(c)] = x[rs1(insn)] & x[rs2(insn)]; break;
                        case OpId.ADDIW: x[Block.rd(c)] = (int) x[rs1(insn)] + (insn >> 20); break;
                        case OpId.SLLIW: x[Block.rd(c)] = (int) x[rs1(insn)] << (insn >>> 20); break;
                        case OpId.SRLIW: x[Block.rd(c)] = (int) x[rs1(insn)] >>> (insn >>> 20); break;
                        case OpId.SRAIW: x[Block.rd(c)] = (int) x[rs1(insn)] >> (insn >>> 20); break;
                        case OpId.ADDW: x[Block.rd(c)] = (int) x[rs1(insn)] + (int) x[rs2(insn)]; break;
                        case OpId.SUBW: x[Block.rd(c)] = (int) x[rs1(insn)] - (int) x[rs2(insn)]; break;
                        case OpId.SLLW: x[Block.rd(c)] = (int) x[rs1(insn)] << x[rs2(insn)]; break;
                        case OpId.SRLW: x[Block.rd(c)] = (int) x[rs1(insn)] >>> x[rs2(insn)]; break;
                        case OpId.SRAW: x[Block.rd(c)] = (int) x[rs1(insn)] >> x[rs2(insn)]; break;
                        case OpId.MUL: x[Block.rd(c)] = x[rs1(insn)] * x[rs2(insn)]; break;
                        case OpId.MULW: x[Block.rd(c)] = (int) x[rs1(insn)] * (int) x[rs2(insn)]; break;
                        case OpId.FENCE: case OpId.FENCE_I: break;
                        default:
                            this.pc = pc;
                            steps = n;
                            npc = execute(OPS[id], insn, pc, npc);
                            x[0] = 0; // the slow path writes rd as encoded, x0 included
                            if (nextEvent <= n) {
                                limit = i + 1;
                            }
                            break;
                    }
                    pc = npc;
                }
            } catch (Trap t) {
                if (fetching) {
                    n++; // a fetch fault is a step too, so a guest looping on faults still advances
                }
                x[0] = 0;
                this.pc = pc;
                steps = n;
                exception(t, c, pc);
                pc = this.pc;
                n = steps;
            }
        }
        this.pc = pc;
        steps = n;
        return steps - start;
    }

    /**
     * Decodes the block at pc into the cache slot (or, when the first instruction straddles a
     * page end or lies outside DRAM, a one-instruction block fetched the general way).
     */
    private Block decodeBlock(long pc, int slot) {
        long pa = mmu.translate(pc, Mmu.FETCH);
        long off = pa - ramBase;
        Block b = blocks[slot];
        if (b == null) {
            b = new Block();
            blocks[slot] = b;
        }
        int count = 0;
        if (off >= 0 && off < ram.size()) {
            long p = pc;
            long o = off;
            while (count < Block.MAX_LENGTH) {
                int raw;
                if ((p & 0xfff) == 0xffe) {
                    raw = (int) ram.read(o, 2);
                    if ((raw & 3) == 3) {
                        break; // straddles the page end: fetched the general way as a block of its own
                    }
                } else {
                    raw = ram.read32Halfaligned(o);
                    if ((raw & 3) != 3) {
                        raw &= 0xffff;
                    }
                }
                int insn = (raw & 3) == 3 ? raw : Rvc.expand(raw);
                int id = (insn == 0 ? Op.ILLEGAL : Decoder.decode(insn)).ordinal();
                b.code[count++] = Block.pack(insn, id, raw);
                int length = (raw & 3) == 3 ? 4 : 2;
                p += length;
                o += length;
                if (ENDS_BLOCK[id] || (p & 0xfff) == 0) {
                    break;
                }
            }
        }
        if (count > 0) {
            b.page = (int) (off >>> 12);
            b.generation = ram.markCode(b.page);
            b.tag = pc ^ mmu.fetchKey;
            b.epoch = mmu.epoch;
        } else {
            int raw = mmu.fetch(pc);
            int insn = (raw & 3) == 3 ? raw : Rvc.expand(raw);
            b.code[0] = Block.pack(insn, (insn == 0 ? Op.ILLEGAL : Decoder.decode(insn)).ordinal(), raw);
            count = 1;
            b.tag = ~pc; // never matches: such a block is decoded afresh each time
        }
        b.count = count;
        return b;
    }

    /** Instructions after which a block ends: they may jump, trap, or change privilege or translation. */
    private static final boolean[] ENDS_BLOCK = new boolean[256];

    static {
        for (Op op : Op.values()) {
            int opcode = op.match & 0x7f;
            ENDS_BLOCK[op.ordinal()] = opcode == 0x63 || opcode == 0x6f || opcode == 0x67 || opcode == 0x73
                    || op == Op.FENCE_I || op == Op.ILLEGAL;
        }
    }

    /** The less frequent instructions: M-extension division, A, F, D and SYSTEM. */
    private long execute(Op op, int insn, long pc, long npc) {
        final long[] x = this.x;
        long a = x[rs1(insn)];
        long b = x[rs2(insn)];
        switch (op) {
            case MULH: x[rd(insn)] = Math.multiplyHigh(a, b); break;
            case MULHSU: x[rd(insn)] = Math.multiplyHigh(a, b) + ((b >> 63) & a); break;
            case MULHU: x[rd(insn)] = Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a); break;
            case DIV: x[rd(insn)] = b == 0 ? -1 : a / b; break;
            case DIVU: x[rd(insn)] = b == 0 ? -1 : Long.divideUnsigned(a, b); break;
            case REM: x[rd(insn)] = b == 0 ? a : a % b; break;
            case REMU: x[rd(insn)] = b == 0 ? a : Long.remainderUnsigned(a, b); break;
            case DIVW: x[rd(insn)] = (int) b == 0 ? -1 : (int) a / (int) b; break;
            case DIVUW: x[rd(insn)] = (int) b == 0 ? -1 : Integer.divideUnsigned((int) a, (int) b); break;
            case REMW: x[rd(insn)] = (int) b == 0 ? (int) a : (int) a % (int) b; break;
            case REMUW: x[rd(insn)] = (int) b == 0 ? (int) a : Integer.remainderUnsigned((int) a, (int) b); break;
            case ECALL: throw trap.set(Trap.ECALL_U + priv, 0);
            case EBREAK: throw trap.set(Trap.BREAKPOINT, 0); // tval 0, as QEMU does
            case MRET: return mret();
            case SRET: return sret();
            case WFI: wfi(); break;
            case SFENCE_VMA:
                if (priv == PRIV_U || (priv == PRIV_S && (mstatus & MSTATUS_TVM) != 0)) {
                    throw trap.illegal();
                }
                mmu.flush();
                break;
            case CSRRW: case CSRRS: case CSRRC: case CSRRWI: case CSRRSI: case CSRRCI:
                csrInstruction(op, insn);
                break;
            case ILLEGAL: throw trap.illegal();
            default:
                if (op.ordinal() >= Op.LR_W.ordinal() && op.ordinal() <= Op.AMOMAXU_D.ordinal()) {
                    atomic(op, insn);
                } else {
                    floatingPoint(op, insn);
                }
                break;
        }
        return npc;
    }

    // ------------------------------------------------------------------ field extraction

    private static int rd(int insn) {
        return (insn >>> 7) & 31;
    }

    private static int rs1(int insn) {
        return (insn >>> 15) & 31;
    }

    private static int rs2(int insn) {
        return (insn >>> 20) & 31;
    }

    private static int rs3(int insn) {
        return insn >>> 27;
    }

    private static int immS(int insn) {
        return ((insn >> 25) << 5) | ((insn >>> 7) & 31);
    }

    private static int immB(int insn) {
        return ((insn >> 31) << 12) | ((insn << 4) & 0x800) | ((insn >>> 20) & 0x7e0) | ((insn >>> 7) & 0x1e);
    }

    private static int immJ(int insn) {
        return ((insn >> 31) << 20) | (insn & 0xff000) | ((insn >>> 9) & 0x800) | ((insn >>> 20) & 0x7fe);
    }

    // ------------------------------------------------------------------ A extension

    private void atomic(Op op, int insn) {
        boolean word = (insn & 0x1000) == 0;
        int width = word ? 4 : 8;
        long va = x[rs1(insn)];
        long src = x[rs2(insn)];
        int rd = rd(insn);
        boolean storeConditional = op == Op.SC_W || op == Op.SC_D;
        // As QEMU 7.2: a misaligned LR or AMO raises load-address-misaligned (the spec allows
        // either cause), and an SC without a matching reservation just fails, aligned or not.
        if ((va & (width - 1)) != 0 && !(storeConditional && reservationAddr != va)) {
            throw trap.set(Trap.LOAD_MISALIGNED, va);
        }
        if (op == Op.LR_W || op == Op.LR_D) {
            long v = mmu.load(va, width);
            v = word ? (int) v : v;
            reservationAddr = va;
            reservationValue = v;
            x[rd] = v;
            return;
        }
        if (storeConditional) {
            long expected = reservationValue;
            boolean reserved = reservationAddr == va;
            reservationAddr = -1;
            if (reserved) {
                long pa = mmu.translateStore(va);
                long current = mmu.physRead(va, pa, width);
                if ((word ? (int) current : current) == expected) {
                    mmu.physWrite(va, pa, width, src);
                    x[rd] = 0;
                    return;
                }
            }
            x[rd] = 1;
            return;
        }
        long pa = mmu.translateStore(va);
        long old = mmu.physRead(va, pa, width);
        if (word) {
            old = (int) old;
            src = (int) src;
        }
        long result;
        switch (op) {
            case AMOSWAP_W: case AMOSWAP_D: result = src; break;
            case AMOADD_W: case AMOADD_D: result = old + src; break;
            case AMOXOR_W: case AMOXOR_D: result = old ^ src; break;
            case AMOAND_W: case AMOAND_D: result = old & src; break;
            case AMOOR_W: case AMOOR_D: result = old | src; break;
            case AMOMIN_W: case AMOMIN_D: result = Math.min(old, src); break;
            case AMOMAX_W: case AMOMAX_D: result = Math.max(old, src); break;
            case AMOMINU_W: case AMOMINU_D: result = Long.compareUnsigned(old, src) < 0 ? old : src; break;
            default: result = Long.compareUnsigned(old, src) > 0 ? old : src; break;
        }
        mmu.physWrite(va, pa, width, result);
        x[rd] = old;
    }

    // ------------------------------------------------------------------ F and D extensions

    private static final long BOX = 0xffff_ffff_0000_0000L;
    private static final int SIGN_S = 0x8000_0000;
    private static final long SIGN_D = 0x8000_0000_0000_0000L;

    private static long box(int single) {
        return BOX | (single & 0xffff_ffffL);
    }

    private static int unbox(long reg) {
        return (reg & BOX) == BOX ? (int) reg : 0x7fc0_0000;
    }

    private int roundingMode(int insn) {
        int rm = (insn >>> 12) & 7;
        if (rm == 7) {
            rm = frm;
        }
        if (rm > 4) {
            throw trap.illegal();
        }
        return rm;
    }

    private void floatingPoint(Op op, int insn) {
        if ((mstatus & MSTATUS_FS) == 0) {
            throw trap.illegal();
        }
        final long[] f = this.f;
        final long[] x = this.x;
        final Fpu fpu = this.fpu;
        int rd = rd(insn);
        long fa = f[rs1(insn)], fb = f[rs2(insn)], fc = f[rs3(insn)];
        int sa = unbox(fa), sb = unbox(fb), sc = unbox(fc);
        switch (op) {
            case FLW: f[rd] = box((int) mmu.load(x[rs1(insn)] + (insn >> 20), 4)); break;
            case FLD: f[rd] = mmu.load(x[rs1(insn)] + (insn >> 20), 8); break;
            case FSW: mmu.store(x[rs1(insn)] + immS(insn), 4, fb); return;
            case FSD: mmu.store(x[rs1(insn)] + immS(insn), 8, fb); return;
            case FMADD_S: f[rd] = box(fpu.fmaS(sa, sb, sc, roundingMode(insn))); break;
            case FMSUB_S: f[rd] = box(fpu.fmaS(sa, sb, sc ^ SIGN_S, roundingMode(insn))); break;
            case FNMSUB_S: f[rd] = box(fpu.fmaS(sa ^ SIGN_S, sb, sc, roundingMode(insn))); break;
            case FNMADD_S: f[rd] = box(fpu.fmaS(sa ^ SIGN_S, sb, sc ^ SIGN_S, roundingMode(insn))); break;
            case FADD_S: f[rd] = box(fpu.addS(sa, sb, roundingMode(insn))); break;
            case FSUB_S: f[rd] = box(fpu.subS(sa, sb, roundingMode(insn))); break;
            case FMUL_S: f[rd] = box(fpu.mulS(sa, sb, roundingMode(insn))); break;
            case FDIV_S: f[rd] = box(fpu.divS(sa, sb, roundingMode(insn))); break;
            case FSQRT_S: f[rd] = box(fpu.sqrtS(sa, roundingMode(insn))); break;
            case FSGNJ_S: f[rd] = box((sa & ~SIGN_S) | (sb & SIGN_S)); break;
            case FSGNJN_S: f[rd] = box((sa & ~SIGN_S) | (~sb & SIGN_S)); break;
            case FSGNJX_S: f[rd] = box(sa ^ (sb & SIGN_S)); break;
            case FMIN_S: f[rd] = box(fpu.minS(sa, sb)); break;
            case FMAX_S: f[rd] = box(fpu.maxS(sa, sb)); break;
            case FCVT_W_S: x[rd] = fpu.cvtWS(sa, roundingMode(insn)); break;
            case FCVT_WU_S: x[rd] = fpu.cvtWuS(sa, roundingMode(insn)); break;
            case FCVT_L_S: x[rd] = fpu.cvtLS(sa, roundingMode(insn)); break;
            case FCVT_LU_S: x[rd] = fpu.cvtLuS(sa, roundingMode(insn)); break;
            case FMV_X_W: x[rd] = (int) fa; return;
            case FCLASS_S: x[rd] = fpu.classS(sa); return;
            case FEQ_S: x[rd] = fpu.eqS(sa, sb); break;
            case FLT_S: x[rd] = fpu.ltS(sa, sb); break;
            case FLE_S: x[rd] = fpu.leS(sa, sb); break;
            case FCVT_S_W: f[rd] = box(fpu.cvtSW(x[rs1(insn)], roundingMode(insn))); break;
            case FCVT_S_WU: f[rd] = box(fpu.cvtSWu(x[rs1(insn)], roundingMode(insn))); break;
            case FCVT_S_L: f[rd] = box(fpu.cvtSL(x[rs1(insn)], roundingMode(insn))); break;
            case FCVT_S_LU: f[rd] = box(fpu.cvtSLu(x[rs1(insn)], roundingMode(insn))); break;
            case FMV_W_X: f[rd] = box((int) x[rs1(insn)]); break;
            case FMADD_D: f[rd] = fpu.fmaD(fa, fb, fc, roundingMode(insn)); break;
            case FMSUB_D: f[rd] = fpu.fmaD(fa, fb, fc ^ SIGN_D, roundingMode(insn)); break;
            case FNMSUB_D: f[rd] = fpu.fmaD(fa ^ SIGN_D, fb, fc, roundingMode(insn)); break;
            case FNMADD_D: f[rd] = fpu.fmaD(fa ^ SIGN_D, fb, fc ^ SIGN_D, roundingMode(insn)); break;
            case FADD_D: f[rd] = fpu.addD(fa, fb, roundingMode(insn)); break;
            case FSUB_D: f[rd] = fpu.subD(fa, fb, roundingMode(insn)); break;
            case FMUL_D: f[rd] = fpu.mulD(fa, fb, roundingMode(insn)); break;
            case FDIV_D: f[rd] = fpu.divD(fa, fb, roundingMode(insn)); break;
            case FSQRT_D: f[rd] = fpu.sqrtD(fa, roundingMode(insn)); break;
            case FSGNJ_D: f[rd] = (fa & ~SIGN_D) | (fb & SIGN_D); break;
            case FSGNJN_D: f[rd] = (fa & ~SIGN_D) | (~fb & SIGN_D); break;
            case FSGNJX_D: f[rd] = fa ^ (fb & SIGN_D); break;
            case FMIN_D: f[rd] = fpu.minD(fa, fb); break;
            case FMAX_D: f[rd] = fpu.maxD(fa, fb); break;
            case FCVT_S_D: f[rd] = box((int) fpu.cvtSD(fa, roundingMode(insn))); break;
            case FCVT_D_S: roundingMode(insn); f[rd] = fpu.cvtDS(sa & 0xffff_ffffL); break;
            case FEQ_D: x[rd] = fpu.eqD(fa, fb); break;
            case FLT_D: x[rd] = fpu.ltD(fa, fb); break;
            case FLE_D: x[rd] = fpu.leD(fa, fb); break;
            case FCLASS_D: x[rd] = fpu.classD(fa); return;
            case FCVT_W_D: x[rd] = fpu.cvtWD(fa, roundingMode(insn)); break;
            case FCVT_WU_D: x[rd] = fpu.cvtWuD(fa, roundingMode(insn)); break;
            case FCVT_L_D: x[rd] = fpu.cvtLD(fa, roundingMode(insn)); break;
            case FCVT_LU_D: x[rd] = fpu.cvtLuD(fa, roundingMode(insn)); break;
            case FMV_X_D: x[rd] = fa; return;
            case FCVT_D_W: f[rd] = fpu.cvtDW(x[rs1(insn)], roundingMode(insn)); break;
            case FCVT_D_WU: f[rd] = fpu.cvtDWu(x[rs1(insn)], roundingMode(insn)); break;
            case FCVT_D_L: f[rd] = fpu.cvtDL(x[rs1(insn)], roundingMode(insn)); break;
            case FCVT_D_LU: f[rd] = fpu.cvtDLu(x[rs1(insn)], roundingMode(insn)); break;
            case FMV_D_X: f[rd] = x[rs1(insn)]; break;
            default: throw trap.illegal();
        }
        fflags |= fpu.flags;
        fpu.flags = 0;
        mstatus |= MSTATUS_FS;
    }

    // ------------------------------------------------------------------ privileged instructions

    private long mret() {
        if (priv != PRIV_M) {
            throw trap.illegal();
        }
        int from = priv;
        int mpp = (int) ((mstatus & MSTATUS_MPP) >>> 11);
        long s = mstatus;
        s = (s & MSTATUS_MPIE) != 0 ? s | MSTATUS_MIE : s & ~MSTATUS_MIE;
        s = (s | MSTATUS_MPIE) & ~MSTATUS_MPP;
        if (mpp != PRIV_M) {
            s &= ~MSTATUS_MPRV;
        }
        mstatus = s;
        priv = mpp;
        privilegeChanged();
        requestEventCheck();
        if (listener != null) {
            listener.onTrapReturn(this, from, mpp, mepc);
        }
        return mepc;
    }

    private long sret() {
        if (priv == PRIV_U || (priv == PRIV_S && (mstatus & MSTATUS_TSR) != 0)) {
            throw trap.illegal();
        }
        int from = priv;
        int spp = (mstatus & MSTATUS_SPP) != 0 ? PRIV_S : PRIV_U;
        long s = mstatus;
        s = (s & MSTATUS_SPIE) != 0 ? s | MSTATUS_SIE : s & ~MSTATUS_SIE;
        s = (s | MSTATUS_SPIE) & ~MSTATUS_SPP & ~MSTATUS_MPRV;
        mstatus = s;
        priv = spp;
        privilegeChanged();
        requestEventCheck();
        if (listener != null) {
            listener.onTrapReturn(this, from, spp, sepc);
        }
        return sepc;
    }

    private void wfi() {
        if (priv == PRIV_U || (priv == PRIV_S && (mstatus & MSTATUS_TW) != 0)) {
            throw trap.illegal();
        }
        if ((mip() & mie) == 0) {
            waitingForInterrupt = true;
            requestEventCheck();
        }
    }

    // ------------------------------------------------------------------ traps and interrupts

    private void exception(Trap t, long code, long pc) {
        long tval = t.tvalIsInstruction ? Block.rawBits(code) : t.tval;
        if (t.cause == Trap.ECALL_S && priv == PRIV_S && (medeleg & (1L << Trap.ECALL_S)) == 0
                && host.handleSupervisorEcall(this)) {
            this.pc = pc + 4;
            return;
        }
        exceptions++;
        takeTrap(false, t.cause, tval, pc);
    }

    private void takeTrap(boolean interrupt, int cause, long tval, long epc) {
        int from = priv;
        long deleg = interrupt ? mideleg : medeleg;
        reservationAddr = -1;
        if (priv <= PRIV_S && ((deleg >>> cause) & 1) != 0) {
            scause = interrupt ? (1L << 63) | cause : cause;
            sepc = epc;
            stval = tval;
            long s = mstatus & ~(MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE);
            if (priv == PRIV_S) {
                s |= MSTATUS_SPP;
            }
            if ((mstatus & MSTATUS_SIE) != 0) {
                s |= MSTATUS_SPIE;
            }
            mstatus = s;
            priv = PRIV_S;
            pc = vector(stvec, interrupt, cause);
        } else {
            mcause = interrupt ? (1L << 63) | cause : cause;
            mepc = epc;
            mtval = tval;
            long s = mstatus & ~(MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE);
            s |= (long) priv << 11;
            if ((mstatus & MSTATUS_MIE) != 0) {
                s |= MSTATUS_MPIE;
            }
            mstatus = s;
            priv = PRIV_M;
            pc = vector(mtvec, interrupt, cause);
        }
        privilegeChanged();
        if (listener != null) {
            listener.onTrap(this, interrupt, cause, tval, epc, from, priv);
        }
    }

    private static long vector(long tvec, boolean interrupt, int cause) {
        long base = tvec & ~3L;
        return interrupt && (tvec & 1) != 0 ? base + 4L * cause : base;
    }

    /** Takes the highest-priority pending and enabled interrupt, if any. */
    private void checkInterrupts() {
        long pending = mip() & mie;
        if (pending == 0) {
            return;
        }
        long machine = pending & ~mideleg;
        if (machine != 0 && (priv < PRIV_M || (mstatus & MSTATUS_MIE) != 0)) {
            takeTrap(true, highestPriority(machine), 0, pc);
            return;
        }
        long supervisor = pending & mideleg;
        if (supervisor != 0 && (priv < PRIV_S || (priv == PRIV_S && (mstatus & MSTATUS_SIE) != 0))) {
            takeTrap(true, highestPriority(supervisor), 0, pc);
        }
    }

    /** Interrupts in the order the privileged spec gives them priority. */
    private static final int[] IRQ_PRIORITY = {IRQ_MEI, IRQ_MSI, IRQ_MTI, IRQ_SEI, IRQ_SSI, IRQ_STI};

    private static int highestPriority(long pending) {
        for (int irq : IRQ_PRIORITY) {
            if ((pending & (1L << irq)) != 0) {
                return irq;
            }
        }
        return Long.numberOfTrailingZeros(pending);
    }

    long mip() {
        return mipSoftware | mipLines;
    }

    /**
     * Drives an interrupt line into mip (a device's wire: MSIP, MTIP, MEIP, SEIP, or STIP when the
     * machine itself plays the SBI's timer). Safe only on the emulator thread.
     */
    public void setInterruptLine(int irq, boolean asserted) {
        long bit = 1L << irq;
        long lines = asserted ? mipLines | bit : mipLines & ~bit;
        if (lines != mipLines) {
            mipLines = lines;
            requestEventCheck();
        }
    }

    /** Sets a software-writable pending bit (SSIP), as an SBI IPI does. */
    public void setSoftwareInterruptPending(int irq) {
        mipSoftware |= 1L << irq;
        requestEventCheck();
    }

    public void clearSoftwareInterruptPending(int irq) {
        mipSoftware &= ~(1L << irq);
    }

    /** Drops every cached translation, as SFENCE.VMA does (SBI remote fences). */
    public void flushTlb() {
        mmu.flush();
    }

    /** Makes the step loop service events before the next instruction. Emulator thread only. */
    public void requestEventCheck() {
        nextEvent = steps;
    }

    /** Makes {@link #run} return before the next instruction. Emulator thread only. */
    public void requestExit() {
        exitRequested = true;
        nextEvent = steps;
    }

    /** Makes {@link #run} return soon. Safe from any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    private boolean serviceEvents() {
        if (stopRequested) {
            stopRequested = false;
            return false;
        }
        while (true) {
            if (exitRequested || steps >= stepLimit) {
                return false;
            }
            long deadline = host.service(cycles());
            if (exitRequested) {
                return false;
            }
            if (waitingForInterrupt) {
                if ((mip() & mie) != 0) {
                    waitingForInterrupt = false;
                } else if (deadline != Long.MAX_VALUE && deadline > cycles()) {
                    idleCycles += deadline - cycles();
                    continue;
                } else if (!host.awaitExternalEvent() || stopRequested) {
                    stopRequested = false;
                    return false;
                } else {
                    continue;
                }
            }
            checkInterrupts();
            if (exitRequested) {
                return false; // a listener stopped the run at the trap handler's entry
            }
            long next = Math.min(stepLimit, steps + POLL_STEPS);
            if (deadline != Long.MAX_VALUE) {
                next = Math.min(next, Math.max(steps + 1, deadline - idleCycles));
            }
            if (listenerSteps) {
                listener.beforeInstruction(this, pc);
                next = steps + 1;
            }
            nextEvent = next;
            return true;
        }
    }

    /** Whether the hart sleeps in WFI. */
    public boolean isWaitingForInterrupt() {
        return waitingForInterrupt;
    }

    // ------------------------------------------------------------------ CSRs

    private void csrInstruction(Op op, int insn) {
        int csr = insn >>> 20;
        int rd = rd(insn);
        int rs1 = rs1(insn);
        boolean immediate = op == Op.CSRRWI || op == Op.CSRRSI || op == Op.CSRRCI;
        boolean swap = op == Op.CSRRW || op == Op.CSRRWI;
        boolean writes = swap || rs1 != 0;
        if (priv < ((csr >>> 8) & 3) || (writes && (csr >>> 10) == 3)) {
            throw trap.illegal();
        }
        long old = readCsr(csr);
        long src = immediate ? rs1 : x[rs1];
        if (writes) {
            long value;
            if (swap) {
                value = src;
            } else if (op == Op.CSRRS || op == Op.CSRRSI) {
                value = old | src;
            } else {
                value = old & ~src;
            }
            writeCsr(csr, value);
        }
        x[rd] = old;
    }

    /** Reads a CSR as an instruction would (privilege already checked); illegal if absent. */
    private long readCsr(int csr) {
        switch (csr) {
            case Csr.FFLAGS: requireFs(); return fflags;
            case Csr.FRM: requireFs(); return frm;
            case Csr.FCSR: requireFs(); return (frm << 5) | fflags;
            case Csr.SSTATUS: return readMstatus() & SSTATUS_VISIBLE;
            case Csr.SIE: return mie & mideleg;
            case Csr.STVEC: return stvec;
            case Csr.SCOUNTEREN: return scounteren;
            case Csr.SENVCFG: return senvcfg;
            case Csr.SSCRATCH: return sscratch;
            case Csr.SEPC: return sepc;
            case Csr.SCAUSE: return scause;
            case Csr.STVAL: return stval;
            case Csr.SIP: return mip() & mideleg;
            case Csr.SATP:
                if (priv == PRIV_S && (mstatus & MSTATUS_TVM) != 0) {
                    throw trap.illegal();
                }
                return satp;
            case Csr.MVENDORID: case Csr.MARCHID: case Csr.MIMPID: case Csr.MCONFIGPTR: return 0;
            case Csr.MHARTID: return hartId;
            case Csr.MSTATUS: return readMstatus();
            case Csr.MISA: return MISA;
            case Csr.MEDELEG: return medeleg;
            case Csr.MIDELEG: return mideleg;
            case Csr.MIE: return mie;
            case Csr.MTVEC: return mtvec;
            case Csr.MCOUNTEREN: return mcounteren;
            case Csr.MENVCFG: return menvcfg;
            case Csr.MCOUNTINHIBIT: return mcountinhibit;
            case Csr.MSCRATCH: return mscratch;
            case Csr.MEPC: return mepc;
            case Csr.MCAUSE: return mcause;
            case Csr.MTVAL: return mtval;
            case Csr.MIP: return mip();
            case Csr.MCYCLE: return cycleCounter();
            case Csr.MINSTRET: return instretCounter();
            case Csr.CYCLE: requireCounter(0); return cycleCounter();
            case Csr.TIME: requireCounter(1); return mtime();
            case Csr.INSTRET: requireCounter(2); return instretCounter();
            default:
                if (csr >= Csr.HPMCOUNTER3 && csr <= Csr.HPMCOUNTER31) {
                    requireCounter(csr - Csr.CYCLE);
                    return hpmCounter[csr - Csr.HPMCOUNTER3];
                }
                if (csr >= Csr.MHPMCOUNTER3 && csr <= Csr.MHPMCOUNTER31) {
                    return hpmCounter[csr - Csr.MHPMCOUNTER3];
                }
                if (csr >= Csr.MHPMEVENT3 && csr <= Csr.MHPMEVENT31) {
                    return hpmEvent[csr - Csr.MHPMEVENT3];
                }
                if (csr >= Csr.PMPCFG0 && csr <= Csr.PMPCFG15 && (csr & 1) == 0) {
                    int i = (csr - Csr.PMPCFG0) / 2;
                    return i < pmpcfg.length ? pmpcfg[i] : 0;
                }
                if (csr >= Csr.PMPADDR0 && csr <= Csr.PMPADDR63) {
                    int i = csr - Csr.PMPADDR0;
                    return i < NUM_PMP ? pmpaddr[i] : 0;
                }
                throw trap.illegal();
        }
    }

    private void writeCsr(int csr, long v) {
        switch (csr) {
            case Csr.FFLAGS: fflags = (int) v & 0x1f; mstatus |= MSTATUS_FS; break;
            case Csr.FRM: frm = (int) v & 7; mstatus |= MSTATUS_FS; break;
            case Csr.FCSR: fflags = (int) v & 0x1f; frm = (int) (v >>> 5) & 7; mstatus |= MSTATUS_FS; break;
            case Csr.SSTATUS: writeMstatus((mstatus & ~SSTATUS_WRITABLE) | (v & SSTATUS_WRITABLE)); break;
            case Csr.SIE: mie = (mie & ~mideleg) | (v & mideleg); requestEventCheck(); break;
            case Csr.STVEC: if ((v & 3) < 2) stvec = v; break;
            case Csr.SCOUNTEREN: scounteren = v & 0xffff_ffffL; break;
            case Csr.SENVCFG: senvcfg = v & 1; break;
            case Csr.SSCRATCH: sscratch = v; break;
            case Csr.SEPC: sepc = v & ~1L; break;
            case Csr.SCAUSE: scause = v; break;
            case Csr.STVAL: stval = v; break;
            case Csr.SIP: {
                long mask = mideleg & (1L << IRQ_SSI);
                mipSoftware = (mipSoftware & ~mask) | (v & mask);
                requestEventCheck();
                break;
            }
            case Csr.SATP: {
                long mode = v >>> 60;
                if (mode == 0 || mode == 8 || mode == 9) {
                    satp = v & ((0xfL << 60) | (0xffffL << 44) | ((1L << 44) - 1));
                    mmu.flush();
                }
                break;
            }
            case Csr.MSTATUS: writeMstatus(v); break;
            case Csr.MISA: break;
            case Csr.MEDELEG: medeleg = v & MEDELEG_WRITABLE; break;
            case Csr.MIDELEG: mideleg = v & S_INTERRUPTS; requestEventCheck(); break;
            case Csr.MIE: mie = v & ALL_INTERRUPTS; requestEventCheck(); break;
            case Csr.MTVEC: if ((v & 3) < 2) mtvec = v; break;
            case Csr.MCOUNTEREN: mcounteren = v & 0xffff_ffffL; break;
            case Csr.MENVCFG: menvcfg = v & 1; break;
            case Csr.MCOUNTINHIBIT: mcountinhibit = v & 0xffff_fffdL; break;
            case Csr.MSCRATCH: mscratch = v; break;
            case Csr.MEPC: mepc = v & ~1L; break;
            case Csr.MCAUSE: mcause = v; break;
            case Csr.MTVAL: mtval = v; break;
            case Csr.MIP: mipSoftware = v & S_INTERRUPTS; requestEventCheck(); break;
            case Csr.MCYCLE: cycleOffset = v - cycleCounter() + cycleOffset - 1; break;
            case Csr.MINSTRET: instretOffset = v - instretCounter() + instretOffset - 1; break;
            default:
                if (csr >= Csr.MHPMCOUNTER3 && csr <= Csr.MHPMCOUNTER31) {
                    hpmCounter[csr - Csr.MHPMCOUNTER3] = v;
                } else if (csr >= Csr.MHPMEVENT3 && csr <= Csr.MHPMEVENT31) {
                    hpmEvent[csr - Csr.MHPMEVENT3] = v;
                } else if (csr >= Csr.PMPCFG0 && csr <= Csr.PMPCFG15) {
                    int i = (csr - Csr.PMPCFG0) / 2;
                    if (i < pmpcfg.length) {
                        pmpcfg[i] = v;
                    }
                } else if (csr >= Csr.PMPADDR0 && csr <= Csr.PMPADDR63) {
                    int i = csr - Csr.PMPADDR0;
                    if (i < NUM_PMP) {
                        pmpaddr[i] = v & ((1L << 54) - 1);
                    }
                }
                break;
        }
    }

    private long readMstatus() {
        long s = mstatus;
        return (s & MSTATUS_FS) == MSTATUS_FS ? s | MSTATUS_SD : s;
    }

    private void writeMstatus(long v) {
        long old = mstatus;
        long next = (old & ~MSTATUS_WRITABLE) | (v & MSTATUS_WRITABLE);
        if ((next & MSTATUS_MPP) == (2L << 11)) {
            next = (next & ~MSTATUS_MPP) | (old & MSTATUS_MPP);
        }
        mstatus = next;
        if (((old ^ next) & (MSTATUS_SUM | MSTATUS_MXR)) != 0) {
            mmu.flush();
        }
        privilegeChanged();
        requestEventCheck();
    }

    private void requireFs() {
        if ((mstatus & MSTATUS_FS) == 0) {
            throw trap.illegal();
        }
    }

    private void requireCounter(int index) {
        long bit = 1L << index;
        if ((priv < PRIV_M && (mcounteren & bit) == 0) || (priv == PRIV_U && (scounteren & bit) == 0)) {
            throw trap.illegal();
        }
    }

    private void privilegeChanged() {
        int dataPriv = (mstatus & MSTATUS_MPRV) != 0 && priv == PRIV_M ? (int) ((mstatus & MSTATUS_MPP) >>> 11) : priv;
        mmu.privilegeChanged(priv, dataPriv);
    }

    // ------------------------------------------------------------------ time

    /** Cycles of the nominal 1 GHz clock since power-on (virtual nanoseconds). */
    public long cycles() {
        return steps + idleCycles;
    }

    /** The CLINT's mtime: the 10 MHz timebase. */
    public long mtime() {
        return cycles() / 100;
    }

    /** Instructions retired since power-on. */
    public long instructionsRetired() {
        return steps - exceptions;
    }

    /** Steps taken: instructions retired plus instructions that trapped. */
    public long steps() {
        return steps;
    }

    /** The counters as the executing instruction sees them: not counting itself. */
    private long cycleCounter() {
        return cycles() - 1 + cycleOffset;
    }

    private long instretCounter() {
        return steps - 1 - exceptions + instretOffset;
    }

    // ------------------------------------------------------------------ views and set-up

    public long pc() {
        return pc;
    }

    public void setPc(long pc) {
        this.pc = pc & ~1L;
    }

    public long x(int i) {
        return i == 0 ? 0 : x[i];
    }

    public void setX(int i, long value) {
        if (i != 0) {
            x[i] = value;
        }
    }

    public long f(int i) {
        return f[i];
    }

    public int privilege() {
        return priv;
    }

    public void setPrivilege(int priv) {
        this.priv = priv;
        privilegeChanged();
        requestEventCheck();
    }

    public long hartId() {
        return hartId;
    }

    /** Adds an observer of every JAL and JALR (calls, returns, jumps), e.g. a call-stack tracker. */
    public void addControlFlowListener(ControlFlowListener l) {
        if (!flowListeners.contains(l)) {
            flowListeners.add(l);
        }
        flowListener = ListenerFanOut.flowListeners(flowListeners);
    }

    public void removeControlFlowListener(ControlFlowListener l) {
        flowListeners.remove(l);
        flowListener = ListenerFanOut.flowListeners(flowListeners);
    }

    /** Sets the execution breakpoints (physical or virtual pcs, as the hart sees pc); empty for none. */
    public void setBreakpoints(long[] pcs) {
        this.breakpoints = pcs.length == 0 ? null : new PcSet(pcs);
    }

    /** Installs debugger watchpoints on loads and stores (null removes them); see {@link MemoryWatch}. */
    public void setMemoryWatch(MemoryWatch watch) {
        mmu.setWatch(watch);
    }

    /** Whether the last {@link #run} stopped at an execution breakpoint. */
    public boolean stoppedAtBreakpoint() {
        return breakpointHit;
    }

    /** Adds an observer of traps, trap returns and (if it asks) every instruction. */
    public void addListener(HartListener l) {
        if (!hartListeners.contains(l)) {
            hartListeners.add(l);
        }
        listenersChanged();
    }

    public void removeListener(HartListener l) {
        hartListeners.remove(l);
        listenersChanged();
    }

    private void listenersChanged() {
        listener = ListenerFanOut.hartListeners(hartListeners);
        listenerSteps = hartListeners.stream().anyMatch(HartListener::observesInstructions);
        requestEventCheck();
    }

    /**
     * Reads a CSR for a debugger, without privilege checks or side effects; null when the hart
     * does not implement it.
     */
    public Long peekCsr(int csr) {
        int saved = priv;
        long savedSteps = steps;
        try {
            priv = PRIV_M;
            steps = savedSteps + 1;
            // The FP CSRs read even with the FPU off; mstatus itself must show FS as it is.
            if (csr != Csr.FFLAGS && csr != Csr.FRM && csr != Csr.FCSR) {
                return readCsr(csr);
            }
            long fs = mstatus & MSTATUS_FS;
            mstatus |= MSTATUS_FS;
            long v = readCsr(csr);
            mstatus = (mstatus & ~MSTATUS_FS) | fs;
            return v;
        } catch (Trap t) {
            return null;
        } finally {
            priv = saved;
            steps = savedSteps;
        }
    }

    /**
     * Writes a CSR as M-mode software would, for the machine's set-up (direct boot plays the
     * firmware's part) and for debuggers.
     */
    public void pokeCsr(int csr, long value) {
        writeCsr(csr, value);
    }

    /** Translates a virtual address as a load would now, for debuggers: -1 if it would fault. */
    public long translateForDebugger(long va) {
        return mmu.probe(va, Mmu.LOAD);
    }

    // ------------------------------------------------------------------ snapshots

    @Override
    public void saveState(DataOutput out) throws IOException {
        for (long v : x) {
            out.writeLong(v);
        }
        for (long v : f) {
            out.writeLong(v);
        }
        long[] scalars = {pc, priv, mstatus, medeleg, mideleg, mie, mipSoftware, mipLines, mtvec, stvec,
            mepc, sepc, mcause, scause, mtval, stval, mscratch, sscratch, mcounteren, scounteren, menvcfg,
            senvcfg, mcountinhibit, satp, fflags, frm, cycleOffset, instretOffset, reservationAddr,
            reservationValue, steps, exceptions, idleCycles, waitingForInterrupt ? 1 : 0};
        for (long v : scalars) {
            out.writeLong(v);
        }
        for (long v : pmpaddr) {
            out.writeLong(v);
        }
        for (long v : pmpcfg) {
            out.writeLong(v);
        }
        for (int i = 0; i < HPM_COUNTERS; i++) {
            out.writeLong(hpmCounter[i]);
            out.writeLong(hpmEvent[i]);
        }
    }

    @Override
    public void restoreState(DataInput in) throws IOException {
        for (int i = 0; i < x.length; i++) {
            x[i] = in.readLong();
        }
        x[0] = 0;
        for (int i = 0; i < 32; i++) {
            f[i] = in.readLong();
        }
        pc = in.readLong();
        priv = (int) in.readLong();
        mstatus = in.readLong();
        medeleg = in.readLong();
        mideleg = in.readLong();
        mie = in.readLong();
        mipSoftware = in.readLong();
        mipLines = in.readLong();
        mtvec = in.readLong();
        stvec = in.readLong();
        mepc = in.readLong();
        sepc = in.readLong();
        mcause = in.readLong();
        scause = in.readLong();
        mtval = in.readLong();
        stval = in.readLong();
        mscratch = in.readLong();
        sscratch = in.readLong();
        mcounteren = in.readLong();
        scounteren = in.readLong();
        menvcfg = in.readLong();
        senvcfg = in.readLong();
        mcountinhibit = in.readLong();
        satp = in.readLong();
        fflags = (int) in.readLong();
        frm = (int) in.readLong();
        cycleOffset = in.readLong();
        instretOffset = in.readLong();
        reservationAddr = in.readLong();
        reservationValue = in.readLong();
        steps = in.readLong();
        exceptions = in.readLong();
        idleCycles = in.readLong();
        waitingForInterrupt = in.readLong() != 0;
        for (int i = 0; i < pmpaddr.length; i++) {
            pmpaddr[i] = in.readLong();
        }
        for (int i = 0; i < pmpcfg.length; i++) {
            pmpcfg[i] = in.readLong();
        }
        for (int i = 0; i < HPM_COUNTERS; i++) {
            hpmCounter[i] = in.readLong();
            hpmEvent[i] = in.readLong();
        }
        mmu.flush();
        privilegeChanged();
        requestEventCheck();
    }
}
