/*
 * The clock: a periodic tick at hz, programmed with the SBI TIME extension
 * against the time CSR (timebase-frequency from the device tree).
 */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/interrupt.h>
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
	ticks++;
	next_tick += tick_period;
	sbi_set_timer(next_tick);
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
