/*
 * The process control block: what cpu_switch() saves of a thread that
 * gives up the CPU.  A switch is a function call, so only the registers
 * the calling convention says a callee must preserve are kept: ra, sp and
 * s0..s11.  Everything else was already saved by the caller (or by the
 * trap vector, in the trapframe at the top of the thread's kernel stack).
 * The FPU registers are not switched: the kernel does not use them, and
 * init is the only thread that runs user code.
 */
#ifndef _MACHINE_PCB_H_
#define _MACHINE_PCB_H_

#include <sys/types.h>

struct pcb {
	register_t	pcb_ra;		/* where cpu_switch() returns to */
	register_t	pcb_sp;
	register_t	pcb_s[12];	/* s0..s11 */
};

/* riscv/swtch.S */
void	cpu_switch(struct pcb *old, struct pcb *new);
void	fork_trampoline(void);

#endif
