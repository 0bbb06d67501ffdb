package org.bootlab.trace;

/**
 * Names for trap causes, privilege levels and SBI extensions, as the trace labels them; the
 * workbench's registers view names mcause/scause with the same table.
 */
public final class TrapNames {

    static final int ECALL_FROM_S = 9;

    private static final String[] EXCEPTIONS = {
        "instruction address misaligned", "instruction access fault", "illegal instruction", "breakpoint",
        "load address misaligned", "load access fault", "store address misaligned", "store access fault",
        "ecall from U-mode", "ecall from S-mode", "exception 10", "ecall from M-mode",
        "instruction page fault", "load page fault", "exception 14", "store page fault"};
    private static final String[] INTERRUPTS = {
        "interrupt 0", "supervisor software interrupt", "interrupt 2", "machine software interrupt",
        "interrupt 4", "supervisor timer interrupt", "interrupt 6", "machine timer interrupt",
        "interrupt 8", "supervisor external interrupt", "interrupt 10", "machine external interrupt"};

    private TrapNames() {
    }

    public static String describe(boolean interrupt, int cause) {
        String[] table = interrupt ? INTERRUPTS : EXCEPTIONS;
        if (cause >= 0 && cause < table.length) {
            return table[cause];
        }
        return (interrupt ? "interrupt " : "exception ") + cause;
    }

    public static String privilege(int priv) {
        return switch (priv) {
            case 0 -> "U";
            case 1 -> "S";
            case 3 -> "M";
            default -> "priv" + priv;
        };
    }

    /** The SBI extension's name for its id in a7 (legacy extensions 0..8 by their function). */
    static String sbiExtension(long ext) {
        if (ext >= 0 && ext <= 8) {
            String[] legacy = {"legacy set_timer", "legacy console_putchar", "legacy console_getchar",
                "legacy clear_ipi", "legacy send_ipi", "legacy remote_fence_i", "legacy remote_sfence_vma",
                "legacy remote_sfence_vma_asid", "legacy shutdown"};
            return "sbi " + legacy[(int) ext];
        }
        return switch ((int) ext) {
            case 0x10 -> "sbi BASE";
            case 0x54494D45 -> "sbi TIME";
            case 0x735049 -> "sbi IPI";
            case 0x52464E43 -> "sbi RFENCE";
            case 0x48534D -> "sbi HSM";
            case 0x53525354 -> "sbi SRST";
            case 0x4442434E -> "sbi DBCN";
            default -> "sbi 0x" + Long.toHexString(ext);
        };
    }
}
