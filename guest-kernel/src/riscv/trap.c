/* Trap dispatch: interrupts (timer, external via the PLIC) and exceptions. */
#include <sys/systm.h>
#include <sys/proc.h>
#include <riscv/frame.h>
#include <riscv/riscvreg.h>

static const char *const exception_names[] = {
	"instruction misaligned", "instruction access fault",
	"illegal instruction", "breakpoint", "load misaligned",
	"load access fault", "store misaligned", "store access fault",
	"ecall from U-mode", "ecall from S-mode", "reserved", "reserved",
	"instruction page fault", "load page fault", "reserved",
	"store page fault",
};

static void
dump_frame(struct trapframe *tf)
{
	uint64_t code = SCAUSE_CODE(tf->tf_scause);

	printf("trap: %s (scause 0x%lx) sepc 0x%lx stval 0x%lx sstatus 0x%lx\n",
	    code < nitems(exception_names) ? exception_names[code] : "unknown",
	    tf->tf_scause, tf->tf_sepc, tf->tf_stval, tf->tf_sstatus);
	printf("trap: ra 0x%lx sp 0x%lx a0 0x%lx a1 0x%lx\n", tf->tf_ra,
	    tf->tf_sp, tf->tf_a0, tf->tf_a1);
}

/*
 * Every trap comes here.  On the way back to user mode a thread checks
 * whether it should give the CPU to another first (userret).
 */
void
do_trap(struct trapframe *tf)
{
	bool user = (tf->tf_sstatus & SSTATUS_SPP) == 0;

	if (tf->tf_scause & SCAUSE_INTR) {
		switch (SCAUSE_CODE(tf->tf_scause)) {
		case IRQ_TIMER_SUPERVISOR:
			clock_intr(tf);
			break;
		case IRQ_EXTERNAL_SUPERVISOR:
			intr_irq_handler();
			break;
		default:
			panic("unexpected interrupt 0x%lx", tf->tf_scause);
		}
	} else if (user && tf->tf_scause == SCAUSE_ECALL_USER) {
		tf->tf_sepc += 4;
		/* Interrupts may come in while the system call runs. */
		csr_set(sstatus, SSTATUS_SIE);
		syscall(tf);
		csr_clear(sstatus, SSTATUS_SIE);
	} else {
		dump_frame(tf);
		if (!user)
			panic("fatal kernel trap");
		printf("pid %d (%s): killed by fatal trap\n",
		    curproc()->p_pid, curproc()->p_comm);
		exit1(curproc(), 128 + 11);
	}
	if (user)
		userret(curthread);
}
