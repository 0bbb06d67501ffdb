package org.bootlab.symbols;

/**
 * CSR names exactly as GNU objdump 2.40 prints them (binutils' DECLARE_CSR table), for the
 * privileged spec versions the files we disassemble declare. The hart's own {@link
 * org.bootlab.cpu.Csr#name} covers only the CSRs it implements; firmware also touches CSRs it
 * probes for (hypervisor, debug, Smstateen...), and objdump names those too. Version 1.12
 * dropped the N extension's user trap CSRs and added senvcfg, menvcfg, mconfigptr and more PMP
 * registers, so a 1.11 file (Tag_RISCV_priv_spec 1.11, as gcc 12 writes) prints {@code 0x10a}
 * where a 1.12 file prints {@code senvcfg}. The lists were read from objdump itself.
 */
public final class ObjdumpCsrNames {

    /** The privileged spec version a file declares in its .riscv.attributes section. */
    public enum PrivSpec { V1_11, V1_12 }

    /** CSRs named alike in 1.11 and 1.12: "hex name" pairs. */
    private static final String BOTH =
            "1 fflags 2 frm 3 fcsr 8 vstart 9 vxsat a vxrm f vcsr 15 seed 100 sstatus 104 sie 105 stvec " +
            "106 scounteren 10c sstateen0 10d sstateen1 10e sstateen2 10f sstateen3 114 sieh 140 sscratch " +
            "141 sepc 142 scause 143 stval 144 sip 14d stimecmp 150 siselect 151 sireg 154 siph 15c stopei " +
            "15d stimecmph 180 satp 200 vsstatus 204 vsie 205 vstvec 214 vsieh 240 vsscratch 241 vsepc " +
            "242 vscause 243 vstval 244 vsip 24d vstimecmp 250 vsiselect 251 vsireg 254 vsiph 25c vstopei " +
            "25d vstimecmph 280 vsatp 300 mstatus 301 misa 302 medeleg 303 mideleg 304 mie 305 mtvec " +
            "306 mcounteren 308 mvien 309 mvip 30c mstateen0 30d mstateen1 30e mstateen2 30f mstateen3 " +
            "313 midelegh 314 mieh 318 mvienh 319 mviph 31c mstateen0h 31d mstateen1h 31e mstateen2h " +
            "31f mstateen3h 320 mcountinhibit 323 mhpmevent3 324 mhpmevent4 325 mhpmevent5 326 mhpmevent6 " +
            "327 mhpmevent7 328 mhpmevent8 329 mhpmevent9 32a mhpmevent10 32b mhpmevent11 32c mhpmevent12 " +
            "32d mhpmevent13 32e mhpmevent14 32f mhpmevent15 330 mhpmevent16 331 mhpmevent17 332 mhpmevent18 " +
            "333 mhpmevent19 334 mhpmevent20 335 mhpmevent21 336 mhpmevent22 337 mhpmevent23 338 mhpmevent24 " +
            "339 mhpmevent25 33a mhpmevent26 33b mhpmevent27 33c mhpmevent28 33d mhpmevent29 33e mhpmevent30 " +
            "33f mhpmevent31 340 mscratch 341 mepc 342 mcause 343 mtval 344 mip 350 miselect 351 mireg 354 miph " +
            "35c mtopei 3a0 pmpcfg0 3a1 pmpcfg1 3a2 pmpcfg2 3a3 pmpcfg3 3b0 pmpaddr0 3b1 pmpaddr1 3b2 pmpaddr2 " +
            "3b3 pmpaddr3 3b4 pmpaddr4 3b5 pmpaddr5 3b6 pmpaddr6 3b7 pmpaddr7 3b8 pmpaddr8 3b9 pmpaddr9 " +
            "3ba pmpaddr10 3bb pmpaddr11 3bc pmpaddr12 3bd pmpaddr13 3be pmpaddr14 3bf pmpaddr15 5a8 scontext " +
            "600 hstatus 602 hedeleg 603 hideleg 604 hie 605 htimedelta 606 hcounteren 607 hgeie 608 hvien " +
            "609 hvictl 60a henvcfg 60c hstateen0 60d hstateen1 60e hstateen2 60f hstateen3 613 hidelegh " +
            "615 htimedeltah 618 hvienh 61a henvcfgh 61c hstateen0h 61d hstateen1h 61e hstateen2h 61f hstateen3h " +
            "643 htval 644 hip 645 hvip 646 hviprio1 647 hviprio2 64a htinst 655 hviph 656 hviprio1h " +
            "657 hviprio2h 680 hgatp 6a8 hcontext 723 mhpmevent3h 724 mhpmevent4h 725 mhpmevent5h " +
            "726 mhpmevent6h 727 mhpmevent7h 728 mhpmevent8h 729 mhpmevent9h 72a mhpmevent10h 72b mhpmevent11h " +
            "72c mhpmevent12h 72d mhpmevent13h 72e mhpmevent14h 72f mhpmevent15h 730 mhpmevent16h " +
            "731 mhpmevent17h 732 mhpmevent18h 733 mhpmevent19h 734 mhpmevent20h 735 mhpmevent21h " +
            "736 mhpmevent22h 737 mhpmevent23h 738 mhpmevent24h 739 mhpmevent25h 73a mhpmevent26h " +
            "73b mhpmevent27h 73c mhpmevent28h 73d mhpmevent29h 73e mhpmevent30h 73f mhpmevent31h 7a0 tselect " +
            "7a1 tdata1 7a2 tdata2 7a3 tdata3 7a4 tinfo 7a5 tcontrol 7a8 mcontext 7aa mscontext 7b0 dcsr 7b1 dpc " +
            "7b2 dscratch0 7b3 dscratch1 b00 mcycle b02 minstret b03 mhpmcounter3 b04 mhpmcounter4 " +
            "b05 mhpmcounter5 b06 mhpmcounter6 b07 mhpmcounter7 b08 mhpmcounter8 b09 mhpmcounter9 " +
            "b0a mhpmcounter10 b0b mhpmcounter11 b0c mhpmcounter12 b0d mhpmcounter13 b0e mhpmcounter14 " +
            "b0f mhpmcounter15 b10 mhpmcounter16 b11 mhpmcounter17 b12 mhpmcounter18 b13 mhpmcounter19 " +
            "b14 mhpmcounter20 b15 mhpmcounter21 b16 mhpmcounter22 b17 mhpmcounter23 b18 mhpmcounter24 " +
            "b19 mhpmcounter25 b1a mhpmcounter26 b1b mhpmcounter27 b1c mhpmcounter28 b1d mhpmcounter29 " +
            "b1e mhpmcounter30 b1f mhpmcounter31 b80 mcycleh b82 minstreth b83 mhpmcounter3h b84 mhpmcounter4h " +
            "b85 mhpmcounter5h b86 mhpmcounter6h b87 mhpmcounter7h b88 mhpmcounter8h b89 mhpmcounter9h " +
            "b8a mhpmcounter10h b8b mhpmcounter11h b8c mhpmcounter12h b8d mhpmcounter13h b8e mhpmcounter14h " +
            "b8f mhpmcounter15h b90 mhpmcounter16h b91 mhpmcounter17h b92 mhpmcounter18h b93 mhpmcounter19h " +
            "b94 mhpmcounter20h b95 mhpmcounter21h b96 mhpmcounter22h b97 mhpmcounter23h b98 mhpmcounter24h " +
            "b99 mhpmcounter25h b9a mhpmcounter26h b9b mhpmcounter27h b9c mhpmcounter28h b9d mhpmcounter29h " +
            "b9e mhpmcounter30h b9f mhpmcounter31h c00 cycle c01 time c02 instret c03 hpmcounter3 " +
            "c04 hpmcounter4 c05 hpmcounter5 c06 hpmcounter6 c07 hpmcounter7 c08 hpmcounter8 c09 hpmcounter9 " +
            "c0a hpmcounter10 c0b hpmcounter11 c0c hpmcounter12 c0d hpmcounter13 c0e hpmcounter14 " +
            "c0f hpmcounter15 c10 hpmcounter16 c11 hpmcounter17 c12 hpmcounter18 c13 hpmcounter19 " +
            "c14 hpmcounter20 c15 hpmcounter21 c16 hpmcounter22 c17 hpmcounter23 c18 hpmcounter24 " +
            "c19 hpmcounter25 c1a hpmcounter26 c1b hpmcounter27 c1c hpmcounter28 c1d hpmcounter29 " +
            "c1e hpmcounter30 c1f hpmcounter31 c20 vl c21 vtype c22 vlenb c80 cycleh c81 timeh c82 instreth " +
            "c83 hpmcounter3h c84 hpmcounter4h c85 hpmcounter5h c86 hpmcounter6h c87 hpmcounter7h " +
            "c88 hpmcounter8h c89 hpmcounter9h c8a hpmcounter10h c8b hpmcounter11h c8c hpmcounter12h " +
            "c8d hpmcounter13h c8e hpmcounter14h c8f hpmcounter15h c90 hpmcounter16h c91 hpmcounter17h " +
            "c92 hpmcounter18h c93 hpmcounter19h c94 hpmcounter20h c95 hpmcounter21h c96 hpmcounter22h " +
            "c97 hpmcounter23h c98 hpmcounter24h c99 hpmcounter25h c9a hpmcounter26h c9b hpmcounter27h " +
            "c9c hpmcounter28h c9d hpmcounter29h c9e hpmcounter30h c9f hpmcounter31h da0 scountovf db0 stopi " +
            "e12 hgeip eb0 vstopi f11 mvendorid f12 marchid f13 mimpid f14 mhartid fb0 mtopi ";
    private static final String ONLY_1_11 =
            "0 ustatus 4 uie 5 utvec 40 uscratch 41 uepc 42 ucause 43 utval 44 uip 102 sedeleg 103 sideleg ";
    private static final String ONLY_1_12 =
            "10a senvcfg 30a menvcfg 310 mstatush 31a menvcfgh 34a mtinst 34b mtval2 3a4 pmpcfg4 3a5 pmpcfg5 " +
            "3a6 pmpcfg6 3a7 pmpcfg7 3a8 pmpcfg8 3a9 pmpcfg9 3aa pmpcfg10 3ab pmpcfg11 3ac pmpcfg12 3ad pmpcfg13 " +
            "3ae pmpcfg14 3af pmpcfg15 3c0 pmpaddr16 3c1 pmpaddr17 3c2 pmpaddr18 3c3 pmpaddr19 3c4 pmpaddr20 " +
            "3c5 pmpaddr21 3c6 pmpaddr22 3c7 pmpaddr23 3c8 pmpaddr24 3c9 pmpaddr25 3ca pmpaddr26 3cb pmpaddr27 " +
            "3cc pmpaddr28 3cd pmpaddr29 3ce pmpaddr30 3cf pmpaddr31 3d0 pmpaddr32 3d1 pmpaddr33 3d2 pmpaddr34 " +
            "3d3 pmpaddr35 3d4 pmpaddr36 3d5 pmpaddr37 3d6 pmpaddr38 3d7 pmpaddr39 3d8 pmpaddr40 3d9 pmpaddr41 " +
            "3da pmpaddr42 3db pmpaddr43 3dc pmpaddr44 3dd pmpaddr45 3de pmpaddr46 3df pmpaddr47 3e0 pmpaddr48 " +
            "3e1 pmpaddr49 3e2 pmpaddr50 3e3 pmpaddr51 3e4 pmpaddr52 3e5 pmpaddr53 3e6 pmpaddr54 3e7 pmpaddr55 " +
            "3e8 pmpaddr56 3e9 pmpaddr57 3ea pmpaddr58 3eb pmpaddr59 3ec pmpaddr60 3ed pmpaddr61 3ee pmpaddr62 " +
            "3ef pmpaddr63 747 mseccfg 757 mseccfgh f15 mconfigptr ";

    private static final String[] NAMES_1_11 = new String[4096];
    private static final String[] NAMES_1_12 = new String[4096];

    static {
        fill(NAMES_1_11, BOTH);
        fill(NAMES_1_11, ONLY_1_11);
        fill(NAMES_1_12, BOTH);
        fill(NAMES_1_12, ONLY_1_12);
    }

    private ObjdumpCsrNames() {
    }

    private static void fill(String[] names, String pairs) {
        String[] words = pairs.trim().split(" ");
        for (int i = 0; i < words.length; i += 2) {
            names[Integer.parseInt(words[i], 16)] = words[i + 1];
        }
    }

    /** The name objdump prints for CSR {@code csr} (0..4095), or null where it prints the number. */
    public static String name(int csr, PrivSpec spec) {
        return (spec == PrivSpec.V1_11 ? NAMES_1_11 : NAMES_1_12)[csr & 0xfff];
    }
}
