/*
 * The kernel's entry point.  The firmware (OpenSBI fw_jump, QEMU -kernel or
 * BootLab's direct boot) enters here in S-mode with
 *	a0 = hart id, a1 = physical address of the device tree,
 * paging off and interrupts disabled.
 */
	.section .text.boot, "ax"
	.globl	_start
_start:
	/* Note the counters first, so the boot time includes everything. */
	rdtime	s2
	rdinstret s3
	mv	s0, a0
	mv	s1, a1

	csrw	sie, zero
	csrw	sip, zero
	csrw	satp, zero

	/* Let the compiler's code use the FPU (the kernel itself does not). */
	li	t0, (1 << 13)		/* SSTATUS_FS_INITIAL */
	csrs	sstatus, t0

	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop

	/* Clear the BSS (the boot stack is in it, so no calls yet). */
	la	t0, __bss_start
	la	t1, _end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	la	sp, bootstack_top
	mv	a0, s0
	mv	a1, s1
	mv	a2, s2
	mv	a3, s3
	call	initriscv
3:	wfi
	j	3b

	.section .bss
	.balign	16
	.globl	bootstack
bootstack:
	.space	16384
	.globl	bootstack_top
bootstack_top:
