/*
 * Context switch.  cpu_switch(old, new) is called like any function by
 * mi_switch(): it saves the callee-saved registers and the stack pointer
 * in old's pcb (riscv/pcb.h), loads new's, and returns -- on new's stack,
 * to wherever new last called cpu_switch().  A thread that never ran
 * "returns" to fork_trampoline instead, set up by cpu_fork_kthread_handler().
 */
#define	PCB_RA		(0 * 8)
#define	PCB_SP		(1 * 8)
#define	PCB_S(n)	((2 + (n)) * 8)

	.text
	.globl	cpu_switch
cpu_switch:
	sd	ra, PCB_RA(a0)
	sd	sp, PCB_SP(a0)
	sd	s0, PCB_S(0)(a0)
	sd	s1, PCB_S(1)(a0)
	sd	s2, PCB_S(2)(a0)
	sd	s3, PCB_S(3)(a0)
	sd	s4, PCB_S(4)(a0)
	sd	s5, PCB_S(5)(a0)
	sd	s6, PCB_S(6)(a0)
	sd	s7, PCB_S(7)(a0)
	sd	s8, PCB_S(8)(a0)
	sd	s9, PCB_S(9)(a0)
	sd	s10, PCB_S(10)(a0)
	sd	s11, PCB_S(11)(a0)

	ld	ra, PCB_RA(a1)
	ld	sp, PCB_SP(a1)
	ld	s0, PCB_S(0)(a1)
	ld	s1, PCB_S(1)(a1)
	ld	s2, PCB_S(2)(a1)
	ld	s3, PCB_S(3)(a1)
	ld	s4, PCB_S(4)(a1)
	ld	s5, PCB_S(5)(a1)
	ld	s6, PCB_S(6)(a1)
	ld	s7, PCB_S(7)(a1)
	ld	s8, PCB_S(8)(a1)
	ld	s9, PCB_S(9)(a1)
	ld	s10, PCB_S(10)(a1)
	ld	s11, PCB_S(11)(a1)
	ret

/*
 * A new thread's first instructions: s0 = its function, s1 = the argument.
 * fork_exit() runs the function; a kernel process never comes back, a user
 * process (init) comes back with its trapframe, which takes it to U-mode.
 */
	.globl	fork_trampoline
fork_trampoline:
	mv	a0, s0
	mv	a1, s1
	call	fork_exit
	j	cpu_trap_return
