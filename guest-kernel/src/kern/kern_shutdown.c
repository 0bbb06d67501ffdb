/*
 * The end of the boot: when init asks to power off (or exits, or cannot be
 * started) the kernel reports how long the boot took, runs the shutdown
 * event handlers -- shutdown_pre_sync stops the kernel daemons,
 * shutdown_final turns the machine off (the SBI's handler) -- and dumps
 * TSLOG if asked.
 *
 * The boot time is the time CSR and the instruction count is the instret
 * CSR, both read here and both counted from the machine's reset, so the
 * firmware's own start-up is included when there is one.
 */
#include <sys/systm.h>
#include <sys/eventhandler.h>
#include <sys/interrupt.h>
#include <sys/proc.h>
#include <sys/reboot.h>
#include <sys/tslog.h>
#include <riscv/machdep.h>
#include <riscv/riscvreg.h>

void
kern_reboot(int howto)
{
	uint64_t now = rdtime(), insns = rdinstret(), us;

	csr_clear(sstatus, SSTATUS_SIE);
	TSEVENT("kern_reboot");
	us = now * 1000000UL / bootinfo.timebase;
	printf("boot: complete in %lu.%03lu ms (%lu instructions)\n",
	    us / 1000, us % 1000, insns);
	EVENTHANDLER_INVOKE(shutdown_pre_sync, howto);
	if (getenv_bool("tslog.dump", false))
		tslog_dump();
	printf("%s\n", (howto & RB_POWEROFF) ? "Powering off..." :
	    (howto & RB_HALT) ? "The operating system has halted." :
	    "Rebooting...");
	EVENTHANDLER_INVOKE(shutdown_final, howto);
	cpu_halt();	/* no handler turned the machine off */
}

/*
 * A shutdown_pre_sync handler kernel daemons register with their struct
 * proc: ask the daemon to stop and wait until it has (FreeBSD waits so a
 * daemon does not hold a buffer the sync needs).
 */
static int kproc_shutdown_wait = 60;

void
kproc_shutdown(void *arg, int howto)
{
	struct proc *p = arg;
	int error;

	printf("Waiting (max %d seconds) for system process `%s' to stop... ",
	    kproc_shutdown_wait, p->p_comm);
	error = kproc_suspend(p, kproc_shutdown_wait * hz);
	if (error == EWOULDBLOCK)
		printf("timed out\n");
	else
		printf("done\n");
}
