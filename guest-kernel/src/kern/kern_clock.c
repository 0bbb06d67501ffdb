/*
 * The clock: a periodic tick at hz, programmed with the SBI TIME extension
 * against the time CSR (timebase-frequency from the device tree).  Each
 * tick wakes the sleepers whose timeout has come and gives the scheduler
 * its time slice (sched_clock).
 */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/interrupt.h>
#include <sys/proc.h>
#include <sys/tslog.h>
#include <riscv/frame.h>
#include <riscv/riscvreg.h>
#include <riscv/sbi.h>

int hz = 100;
volatile uint64_t ticks;
static uint64_t tick_period, next_tick;

void
clock_intr(struct trapframe *tf)
{
	if (tick_period == 0) {
		/* A one-shot wake-up from clock_wakeup_at(); disarm it. */
		sbi_set_timer(UINT64_MAX);
		return;
	}
	ticks++;
	sleepq_timeout(ticks);
	sched_clock(curthread);
	next_tick += tick_period;
	sbi_set_timer(next_tick);
}

/*
 * Make sure a sleeping hart wakes by time t even before the periodic
 * clock runs (drivers attach at SI_SUB_CONFIGURE, before SI_SUB_CLOCKS).
 */
void
clock_wakeup_at(uint64_t t)
{
	if (tick_period != 0)
		return;
	sbi_set_timer(t);
	csr_set(sie, SIE_STIE);
}

static void
initclocks(const void *dummy)
{
	TSENTER();
	int64_t v;

	if (getenv_quad("kern.hz", &v) && v > 0 && v <= 1000)
		hz = (int)v;
	tick_period = bootinfo.timebase / hz;
	printf("Timecounter \"RISC-V time CSR\" frequency %lu Hz quality 1000\n",
	    bootinfo.timebase);
	next_tick = rdtime() + tick_period;
	sbi_set_timer(next_tick);
	csr_set(sie, SIE_STIE);
	TSEXIT();
}
SYSINIT(clocks, SI_SUB_CLOCKS, SI_ORDER_FIRST, initclocks, NULL);
