/* The registers a trap saves, in the order exception.S stores them. */
#ifndef _MACHINE_FRAME_H_
#define _MACHINE_FRAME_H_

#include <sys/types.h>

struct trapframe {
	register_t tf_x[32];	/* x0 (unused slot) .. x31; tf_x[2] is sp */
	register_t tf_sepc;
	register_t tf_sstatus;
	register_t tf_scause;
	register_t tf_stval;
};

#define	tf_ra	tf_x[1]
#define	tf_sp	tf_x[2]
#define	tf_t0	tf_x[5]
#define	tf_a0	tf_x[10]
#define	tf_a1	tf_x[11]
#define	tf_a2	tf_x[12]
#define	tf_a3	tf_x[13]

void	do_trap(struct trapframe *tf);
void	cpu_trap_return(struct trapframe *tf) __dead2;
void	syscall(struct trapframe *tf);
void	intr_irq_handler(void);
void	clock_intr(struct trapframe *tf);

#endif
