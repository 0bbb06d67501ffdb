/* Zifencei: code written by stores runs after FENCE.I, in place of what was there before. */
#include "test_macros.h"

TEST_BEGIN

test_2:
    li TESTNUM, 2
    call patched                /* run the original once so it may be cached */
    CHECK_EQ(a0, 1)
    la a1, patched
    lwu a2, new_insn
    sw a2, 0(a1)                /* li a0, 2 over li a0, 1 */
    fence.i
    call patched
    CHECK_EQ(a0, 2)
test_3:                         /* a 16-bit patch: c.li a0, 3 */
    li TESTNUM, 3
    la a1, patched
    li a2, 0x450d
    sh a2, 0(a1)
    li a2, 0x0001               /* c.nop fills the rest */
    sh a2, 2(a1)
    fence.i
    call patched
    CHECK_EQ(a0, 3)
test_4:                         /* write a whole new function into data memory and run it */
    li TESTNUM, 4
    la a1, code_buf
    lwu a2, new_insn
    sw a2, 0(a1)
    li a2, 0x00008067           /* ret */
    sw a2, 4(a1)
    fence.i
    jalr ra, 0(a1)
    CHECK_EQ(a0, 2)

    TEST_PASS

    .option push
    .option norvc
patched:
    li a0, 1
    ret
new_insn:
    li a0, 2
    .option pop

    .data
    .align 3
code_buf:
    .dword 0, 0
