package org.bootlab.cpu;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Compressed expansion against GNU as: each pair is a C instruction and the 32-bit
 * instruction the spec says it abbreviates, both encoded by riscv64-unknown-elf-as.
 */
class RvcTest {

    private static final int[][] PAIRS = {
        {0x1fe0, 0x3fc10413}, // c.addi4spn s0, sp, 1020
        {0x005c, 0x00410793}, // c.addi4spn a5, sp, 4
        {0x3fe8, 0x0f87b507}, // c.fld fa0, 248(a5)
        {0x5d64, 0x07c52483}, // c.lw s1, 124(a0)
        {0x42d0, 0x0046a603}, // c.lw a2, 4(a3)
        {0x7c78, 0x0f843703}, // c.ld a4, 248(s0)
        {0xa580, 0x0085b427}, // c.fsd fs0, 8(a1)
        {0xc334, 0x04d72023}, // c.sw a3, 64(a4)
        {0xe3c4, 0x0897b023}, // c.sd s1, 128(a5)
        {0x0001, 0x00000013}, // c.nop
        {0x1501, (int) 0xfe050513L}, // c.addi a0, -32
        {0x0ffd, 0x01ff8f93}, // c.addi t6, 31
        {0x35fd, (int) 0xfff5859bL}, // c.addiw a1, -1
        {0x2945, 0x0119091b}, // c.addiw s2, 17
        {0x50bd, (int) 0xfef00093L}, // c.li ra, -17
        {0x48fd, 0x01f00893}, // c.li a7, 31
        {0x7101, (int) 0xe0010113L}, // c.addi16sp sp, -512
        {0x617d, 0x1f010113}, // c.addi16sp sp, 496
        {0x6141, 0x01010113}, // c.addi16sp sp, 16
        {0x7181, (int) 0xfffe01b7L}, // c.lui gp, 0xfffe0
        {0x62fd, 0x0001f2b7}, // c.lui t0, 31
        {0x6985, 0x000019b7}, // c.lui s3, 1
        {0x917d, 0x03f55513}, // c.srli a0, 63
        {0x8085, 0x0014d493}, // c.srli s1, 1
        {0x9781, 0x4207d793}, // c.srai a5, 32
        {0x987d, (int) 0xfff47413L}, // c.andi s0, -1
        {0x8a15, 0x00567613}, // c.andi a2, 5
        {0x8d0d, 0x40b50533}, // c.sub a0, a1
        {0x8c25, 0x00944433}, // c.xor s0, s1
        {0x8f5d, 0x00f76733}, // c.or a4, a5
        {0x8ef1, 0x00c6f6b3}, // c.and a3, a2
        {0x9d1d, 0x40f5053b}, // c.subw a0, a5
        {0x9ca1, 0x008484bb}, // c.addw s1, s0
        {0xaffd, 0x7fe0006f}, // c.j .+2046
        {0xb001, (int) 0x801ff06fL}, // c.j .-2048
        {0xa029, 0x00a0006f}, // c.j .+10
        {0xcd7d, 0x0e050f63}, // c.beqz a0, .+254
        {0xd081, (int) 0xf00480e3L}, // c.beqz s1, .-256
        {0xe389, 0x00079163}, // c.bnez a5, .+2
        {0x137e, 0x03f31313}, // c.slli t1, 63
        {0x0506, 0x00151513}, // c.slli a0, 1
        {0x34fe, 0x1f813487}, // c.fldsp fs1, 504(sp)
        {0x50fe, 0x0fc12083}, // c.lwsp ra, 252(sp)
        {0x4382, 0x00012383}, // c.lwsp t2, 0(sp)
        {0x7dfe, 0x1f813d83}, // c.ldsp s11, 504(sp)
        {0x6522, 0x00813503}, // c.ldsp a0, 8(sp)
        {0x8082, 0x00008067}, // c.jr ra
        {0x8e82, 0x000e8067}, // c.jr t4
        {0x854a, 0x01200533}, // c.mv a0, s2
        {0x8f86, 0x00100fb3}, // c.mv t6, ra
        {0x9002, 0x00100073}, // c.ebreak
        {0x9782, 0x000780e7}, // c.jalr a5
        {0x952e, 0x00b50533}, // c.add a0, a1
        {0x9c72, 0x01cc0c33}, // c.add s8, t3
        {0xbfca, 0x1f213c27}, // c.fsdsp fs2, 504(sp)
        {0xdfaa, 0x0ea12e23}, // c.swsp a0, 252(sp)
        {0xffa2, 0x1e813c23}, // c.sdsp s0, 504(sp)
        {0xe006, 0x00113023}, // c.sdsp ra, 0(sp)
    };

    @Test
    void expandsLikeTheAssembler() {
        for (int[] pair : PAIRS) {
            assertEquals(pair[1], Rvc.expand(pair[0]),
                    String.format("c 0x%04x expands to 0x%08x", pair[0], Rvc.expand(pair[0])));
        }
    }

    @Test
    void reservedEncodingsExpandToZero() {
        assertEquals(0, Rvc.expand(0x0000)); // all zeros: defined illegal
        assertEquals(0, Rvc.expand(0x8000)); // quadrant 0, funct3 100: reserved
        assertEquals(0, Rvc.expand(0x6101)); // c.addi16sp with immediate 0
        assertEquals(0, Rvc.expand(0x6081)); // c.lui ra, 0
        assertEquals(0, Rvc.expand(0x2001)); // c.addiw x0
        assertEquals(0, Rvc.expand(0x4002)); // c.lwsp x0
        assertEquals(0, Rvc.expand(0x8002)); // c.jr x0
        assertEquals(0, Rvc.expand(0x9c41)); // c.subw reserved slot (funct2 10 with bit 12)
    }
}
