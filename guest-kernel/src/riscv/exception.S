/*
 * The trap vector.  sscratch is 0 while the hart runs the kernel and holds
 * the top of the current thread's kernel stack while it runs user code, so
 * one swap tells the two cases apart.  The trapframe (riscv/frame.h) is
 * built on the kernel stack and do_trap() gets a pointer to it.
 */
#define	TF_SIZE		(36 * 8)
#define	TF_X(n)		((n) * 8)
#define	TF_SEPC		(32 * 8)
#define	TF_SSTATUS	(33 * 8)
#define	TF_SCAUSE	(34 * 8)
#define	TF_STVAL	(35 * 8)

	.text
	.balign	4
	.globl	cpu_exception_handler
cpu_exception_handler:
	csrrw	sp, sscratch, sp
	bnez	sp, 1f			/* from user: sp is the kernel stack */
	csrr	sp, sscratch		/* from the kernel: take sp back */
1:	addi	sp, sp, -TF_SIZE
	sd	x1, TF_X(1)(sp)
	sd	x3, TF_X(3)(sp)
	sd	x4, TF_X(4)(sp)
	sd	x5, TF_X(5)(sp)
	sd	x6, TF_X(6)(sp)
	sd	x7, TF_X(7)(sp)
	sd	x8, TF_X(8)(sp)
	sd	x9, TF_X(9)(sp)
	sd	x10, TF_X(10)(sp)
	sd	x11, TF_X(11)(sp)
	sd	x12, TF_X(12)(sp)
	sd	x13, TF_X(13)(sp)
	sd	x14, TF_X(14)(sp)
	sd	x15, TF_X(15)(sp)
	sd	x16, TF_X(16)(sp)
	sd	x17, TF_X(17)(sp)
	sd	x18, TF_X(18)(sp)
	sd	x19, TF_X(19)(sp)
	sd	x20, TF_X(20)(sp)
	sd	x21, TF_X(21)(sp)
	sd	x22, TF_X(22)(sp)
	sd	x23, TF_X(23)(sp)
	sd	x24, TF_X(24)(sp)
	sd	x25, TF_X(25)(sp)
	sd	x26, TF_X(26)(sp)
	sd	x27, TF_X(27)(sp)
	sd	x28, TF_X(28)(sp)
	sd	x29, TF_X(29)(sp)
	sd	x30, TF_X(30)(sp)
	sd	x31, TF_X(31)(sp)
	csrrw	t0, sscratch, zero	/* the interrupted sp; now "in kernel" */
	sd	t0, TF_X(2)(sp)
	csrr	t0, sepc
	sd	t0, TF_SEPC(sp)
	csrr	t0, sstatus
	sd	t0, TF_SSTATUS(sp)
	csrr	t0, scause
	sd	t0, TF_SCAUSE(sp)
	csrr	t0, stval
	sd	t0, TF_STVAL(sp)

	/* The kernel's gp; user code may have its own. */
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop

	mv	a0, sp
	call	do_trap
	mv	a0, sp
	/* FALLTHROUGH */

/* Restore the frame at a0 and return to where it says (also used to enter U-mode). */
	.globl	cpu_trap_return
cpu_trap_return:
	mv	sp, a0
	csrci	sstatus, 2		/* SIE off while the frame is restored */
	ld	t0, TF_SSTATUS(sp)
	csrw	sstatus, t0
	ld	t0, TF_SEPC(sp)
	csrw	sepc, t0
	ld	t0, TF_SSTATUS(sp)
	andi	t0, t0, 0x100		/* SSTATUS_SPP */
	bnez	t0, 2f
	addi	t0, sp, TF_SIZE		/* back to user: remember the stack top */
	csrw	sscratch, t0
2:	ld	x1, TF_X(1)(sp)
	ld	x3, TF_X(3)(sp)
	ld	x4, TF_X(4)(sp)
	ld	x5, TF_X(5)(sp)
	ld	x6, TF_X(6)(sp)
	ld	x7, TF_X(7)(sp)
	ld	x8, TF_X(8)(sp)
	ld	x9, TF_X(9)(sp)
	ld	x10, TF_X(10)(sp)
	ld	x11, TF_X(11)(sp)
	ld	x12, TF_X(12)(sp)
	ld	x13, TF_X(13)(sp)
	ld	x14, TF_X(14)(sp)
	ld	x15, TF_X(15)(sp)
	ld	x16, TF_X(16)(sp)
	ld	x17, TF_X(17)(sp)
	ld	x18, TF_X(18)(sp)
	ld	x19, TF_X(19)(sp)
	ld	x20, TF_X(20)(sp)
	ld	x21, TF_X(21)(sp)
	ld	x22, TF_X(22)(sp)
	ld	x23, TF_X(23)(sp)
	ld	x24, TF_X(24)(sp)
	ld	x25, TF_X(25)(sp)
	ld	x26, TF_X(26)(sp)
	ld	x27, TF_X(27)(sp)
	ld	x28, TF_X(28)(sp)
	ld	x29, TF_X(29)(sp)
	ld	x30, TF_X(30)(sp)
	ld	x31, TF_X(31)(sp)
	ld	x2, TF_X(2)(sp)
	sret
