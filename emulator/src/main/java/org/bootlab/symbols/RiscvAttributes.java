package org.bootlab.symbols;

/**
 * The privileged spec version a RISC-V ELF declares in its {@code .riscv.attributes} section
 * (Tag_RISCV_priv_spec 8 and Tag_RISCV_priv_spec_minor 10), which decides some CSR names in
 * objdump's output. A file without the section, or with a malformed one, gets objdump's default,
 * the newest version.
 */
final class RiscvAttributes {

    private static final int TAG_FILE = 1, TAG_ARCH = 5, TAG_PRIV_SPEC = 8, TAG_PRIV_SPEC_MINOR = 10;

    private RiscvAttributes() {
    }

    static ObjdumpCsrNames.PrivSpec privSpec(ElfFile elf) {
        byte[] a = elf.data(".riscv.attributes").orElse(new byte[0]);
        long major = -1;
        long minor = -1;
        // 'A', then subsections: u32 length, "riscv\0", then a file tag (1), u32 size, attributes.
        if (a.length < 1 || a[0] != 'A') {
            return ObjdumpCsrNames.PrivSpec.V1_12;
        }
        int at = 1;
        while (at + 4 <= a.length) {
            long length = ElfFile.le(a, at, 4);
            int end = (int) Math.min(a.length, at + Math.max(length, 4));
            int p = at + 4;
            while (p < end && a[p] != 0) {
                p++;
            }
            p++;
            if (p + 5 <= end && a[p] == TAG_FILE) {
                int attrEnd = (int) Math.min(end, p + ElfFile.le(a, p + 1, 4));
                p += 5;
                while (p < attrEnd) {
                    long[] tag = uleb(a, p, attrEnd);
                    p = (int) tag[1];
                    if (tag[0] == TAG_ARCH) {
                        while (p < attrEnd && a[p] != 0) {
                            p++;
                        }
                        p++;
                    } else {
                        long[] value = uleb(a, p, attrEnd);
                        p = (int) value[1];
                        if (tag[0] == TAG_PRIV_SPEC) {
                            major = value[0];
                        } else if (tag[0] == TAG_PRIV_SPEC_MINOR) {
                            minor = value[0];
                        }
                    }
                }
            }
            at = end;
        }
        return major == 1 && minor == 11 ? ObjdumpCsrNames.PrivSpec.V1_11 : ObjdumpCsrNames.PrivSpec.V1_12;
    }

    /** {value, next offset}; stops at {@code end}. */
    private static long[] uleb(byte[] a, int p, int end) {
        long v = 0;
        int shift = 0;
        while (p < end) {
            int b = a[p++] & 0xff;
            if (shift < 64) {
                v |= (long) (b & 0x7f) << shift;
            }
            shift += 7;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        return new long[] {v, p};
    }
}
