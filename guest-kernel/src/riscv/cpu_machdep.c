/* cpu_startup: the machine-dependent SYSINIT that reports memory and the CPU. */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/tslog.h>
#include <riscv/machdep.h>
#include <riscv/riscvreg.h>
#include <riscv/sbi.h>
#include <vm/vm.h>

static void
cpu_startup(const void *dummy)
{
	TSENTER();
	sbi_print_version();
	printf("kernel entered at %lu instructions, %lu us after reset\n",
	    bootinfo.boot_instret,
	    bootinfo.boot_time * 1000000UL / bootinfo.timebase);
	printf("CPU 0: hart %lu, rv64gc, Sv39, timebase %lu Hz\n",
	    bootinfo.hartid, bootinfo.timebase);
	printf("real memory  = %lu (%lu MB)\n", bootinfo.mem_size,
	    bootinfo.mem_size >> 20);
	printf("avail memory = %lu (%lu MB)\n", vm_cnt_free * PAGE_SIZE,
	    (vm_cnt_free * PAGE_SIZE) >> 20);
	TSEXIT();
}
SYSINIT(cpu, SI_SUB_CPU, SI_ORDER_FIRST, cpu_startup, NULL);
