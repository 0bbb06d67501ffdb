package org.bootlab.debug.gdb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntPredicate;

import org.bootlab.cpu.Csr;
import org.bootlab.cpu.Hart;
import org.bootlab.debug.RegisterCondition;
import org.bootlab.debug.RunControl;

/**
 * The registers gdb sees, numbered as the target description ({@link #targetXml}) numbers
 * them: x0–x31 and pc (feature org.gnu.gdb.riscv.cpu), f0–f31 with fflags, frm and fcsr
 * (.fpu), every other CSR the hart implements (.csr, named as {@link Csr#name} names them) and
 * the privilege level (.virtual). The
 * {@code g} packet carries the cpu and fpu registers; gdb fetches the rest one by one with
 * {@code p}.
 */
final class Registers {

    enum Kind { X, PC, F, CSR, PRIV }

    /**
     * One register: its gdb number, name, size in bytes, what it is (index: x or f number, CSR
     * number), its gdb type and the feature (org.gnu.gdb.riscv.FEATURE) that holds it.
     */
    record Register(int number, String name, int size, Kind kind, int index, String type, String feature) {
    }

    static final String[] X_NAMES = {
        "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "fp", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
        "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
    };

    static final String[] F_NAMES = {
        "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4",
        "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8",
        "ft9", "ft10", "ft11",
    };

    private static final int[] FP_CSRS = {Csr.FFLAGS, Csr.FRM, Csr.FCSR};

    private final List<Register> all;
    /** Registers 0..gPacketCount-1 travel in the g packet. */
    private final int gPacketCount;
    private final String targetXml;

    /** @param implemented whether the hart implements a CSR (its debugger read succeeds) */
    Registers(IntPredicate implemented) {
        List<Register> regs = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            String type = i == 1 ? "code_ptr" : i >= 2 && i <= 4 ? "data_ptr" : "int";
            regs.add(new Register(regs.size(), X_NAMES[i], 8, Kind.X, i, type, "cpu"));
        }
        regs.add(new Register(regs.size(), "pc", 8, Kind.PC, 0, "code_ptr", "cpu"));
        for (int i = 0; i < 32; i++) {
            regs.add(new Register(regs.size(), F_NAMES[i], 8, Kind.F, i, "riscv_double", "fpu"));
        }
        for (int csr : FP_CSRS) {
            regs.add(new Register(regs.size(), Csr.name(csr), 4, Kind.CSR, csr, "int", "fpu"));
        }
        gPacketCount = regs.size();
        for (int csr = 0; csr < 0x1000; csr++) {
            if (csr != Csr.FFLAGS && csr != Csr.FRM && csr != Csr.FCSR && Csr.name(csr) != null
                    && implemented.test(csr)) {
                regs.add(new Register(regs.size(), Csr.name(csr), 8, Kind.CSR, csr, "int", "csr"));
            }
        }
        regs.add(new Register(regs.size(), "priv", 8, Kind.PRIV, 0, "int", "virtual"));
        all = Collections.unmodifiableList(regs);
        targetXml = buildTargetXml();
    }

    /** The register numbered {@code n}, or null. */
    Register get(long n) {
        return n >= 0 && n < all.size() ? all.get((int) n) : null;
    }

    String targetXml() {
        return targetXml;
    }

    // ------------------------------------------------------------------ reading (on the emulator thread)

    /** The {@code g} packet's payload. */
    String readG(RunControl rc) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < gPacketCount; i++) {
            appendValue(sb, all.get(i), rc.machine().hart());
        }
        return sb.toString();
    }

    /** The {@code p} packet's payload. */
    String read(Register r, RunControl rc) {
        StringBuilder sb = new StringBuilder();
        appendValue(sb, r, rc.machine().hart());
        return sb.toString();
    }

    private static void appendValue(StringBuilder sb, Register r, Hart hart) {
        Long v = switch (r.kind()) {
            case X -> hart.x(r.index());
            case PC -> hart.pc();
            case F -> hart.f(r.index());
            case CSR -> hart.peekCsr(r.index());
            case PRIV -> (long) hart.privilege();
        };
        if (v == null) {
            sb.append("xx".repeat(r.size())); // unavailable
        } else {
            Hex.appendLittleEndian(sb, v, r.size());
        }
    }

    // ------------------------------------------------------------------ writing (on the emulator thread)

    /**
     * Writes one register through the run control (so that reverse execution replays it).
     * Returns null when done, else why not: x0 and the privilege level ignore writes; the
     * floating-point registers cannot be written (the hart has no setter for them yet).
     */
    String write(Register r, long value, RunControl rc) {
        switch (r.kind()) {
            case X -> {
                if (r.index() != 0) {
                    rc.writeRegister(r.index(), value);
                }
                return null;
            }
            case PC -> {
                rc.writeRegister(RegisterCondition.PC, value);
                return null;
            }
            case CSR -> {
                rc.writeCsr(r.index(), value);
                return null;
            }
            default -> {
                return r.name() + " is read-only here";
            }
        }
    }

    /** The {@code G} packet: writes every register of the g packet whose value changed. */
    String writeG(String hex, RunControl rc) {
        int expected = 0;
        for (int i = 0; i < gPacketCount; i++) {
            expected += 2 * all.get(i).size();
        }
        if (hex.length() != expected) {
            throw new MalformedPacketException("G packet of " + hex.length() + " hex digits, not " + expected);
        }
        Hart hart = rc.machine().hart();
        int at = 0;
        List<Runnable> writes = new ArrayList<>();
        for (int i = 0; i < gPacketCount; i++) {
            Register r = all.get(i);
            String field = hex.substring(at, at + 2 * r.size());
            at += field.length();
            long value = Hex.littleEndian(field);
            StringBuilder now = new StringBuilder();
            appendValue(now, r, hart);
            if (!now.toString().equals(field)) {
                if (r.kind() == Kind.F) {
                    return r.name() + " is read-only here";
                }
                writes.add(() -> write(r, value, rc));
            }
        }
        writes.forEach(Runnable::run);
        return null;
    }

    // ------------------------------------------------------------------ target.xml

    private String buildTargetXml() {
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n<target version=\"1.0\">\n");
        x.append("<architecture>riscv:rv64</architecture>\n");
        for (String feature : new String[] {"cpu", "fpu", "csr", "virtual"}) {
            x.append("<feature name=\"org.gnu.gdb.riscv.").append(feature).append("\">\n");
            if (feature.equals("fpu")) {
                x.append("<union id=\"riscv_double\"><field name=\"float\" type=\"ieee_single\"/>"
                        + "<field name=\"double\" type=\"ieee_double\"/></union>\n");
            }
            for (Register r : all) {
                if (r.feature().equals(feature)) {
                    x.append("<reg name=\"").append(r.name()).append("\" bitsize=\"").append(8 * r.size())
                            .append("\" type=\"").append(r.type()).append("\" regnum=\"").append(r.number())
                            .append("\"/>\n");
                }
            }
            x.append("</feature>\n");
        }
        x.append("</target>\n");
        return x.toString();
    }
}
