/*
 * The end of the boot: when init asks to power off (or exits, or cannot be
 * started) the kernel reports how long the boot took, dumps TSLOG if asked
 * and turns the machine off through the SBI.
 *
 * The boot time is the time CSR and the instruction count is the instret
 * CSR, both read here and both counted from the machine's reset, so the
 * firmware's own start-up is included when there is one.
 */
#include <sys/systm.h>
#include <sys/reboot.h>
#include <sys/tslog.h>
#include <riscv/machdep.h>
#include <riscv/riscvreg.h>

void
kern_reboot(int howto)
{
	uint64_t ticks = rdtime(), insns = rdinstret(), us;

	csr_clear(sstatus, SSTATUS_SIE);
	TSEVENT("kern_reboot");
	us = ticks * 1000000UL / bootinfo.timebase;
	printf("boot: complete in %lu.%03lu ms (%lu instructions)\n",
	    us / 1000, us % 1000, insns);
	if (getenv_bool("tslog.dump", false))
		tslog_dump();
	printf("%s\n", (howto & RB_POWEROFF) ? "Powering off..." :
	    (howto & RB_HALT) ? "The operating system has halted." :
	    "Rebooting...");
	cpu_halt();
}
