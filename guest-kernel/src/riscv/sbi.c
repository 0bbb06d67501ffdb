/* Calls into the Supervisor Binary Interface (firmware or BootLab). */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/eventhandler.h>
#include <sys/reboot.h>
#include <riscv/sbi.h>

struct sbi_ret
sbi_call(uint64_t ext, uint64_t func, uint64_t arg0, uint64_t arg1,
    uint64_t arg2)
{
	register uint64_t a0 __asm("a0") = arg0;
	register uint64_t a1 __asm("a1") = arg1;
	register uint64_t a2 __asm("a2") = arg2;
	register uint64_t a6 __asm("a6") = func;
	register uint64_t a7 __asm("a7") = ext;
	struct sbi_ret ret;

	__asm __volatile("ecall"
	    : "+r" (a0), "+r" (a1)
	    : "r" (a2), "r" (a6), "r" (a7)
	    : "memory");
	ret.error = (long)a0;
	ret.value = (long)a1;
	return (ret);
}

long
sbi_probe_extension(uint64_t ext)
{
	return (sbi_call(SBI_EXT_ID_BASE, SBI_BASE_PROBE_EXTENSION, ext, 0,
	    0).value);
}

void
sbi_set_timer(uint64_t stime_value)
{
	sbi_call(SBI_EXT_ID_TIME, 0, stime_value, 0, 0);
}

void
sbi_console_putchar(int c)
{
	sbi_call(SBI_LEGACY_CONSOLE_PUTCHAR, 0, (uint64_t)c, 0, 0);
}

void
sbi_print_version(void)
{
	struct sbi_ret spec, impl, ver;

	spec = sbi_call(SBI_EXT_ID_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0, 0);
	impl = sbi_call(SBI_EXT_ID_BASE, SBI_BASE_GET_IMPL_ID, 0, 0, 0);
	ver = sbi_call(SBI_EXT_ID_BASE, SBI_BASE_GET_IMPL_VERSION, 0, 0, 0);
	printf("SBI: specification %ld.%ld, implementation %ld version 0x%lx\n",
	    (spec.value >> 24) & 0x7f, spec.value & 0xffffff, impl.value,
	    ver.value);
}

/*
 * Power off: the SRST extension if the firmware has it, then the legacy
 * shutdown call.  Returns only if the firmware did neither.
 */
void
sbi_system_shutdown(void)
{
	if (sbi_probe_extension(SBI_EXT_ID_SRST) != 0)
		sbi_call(SBI_EXT_ID_SRST, 0, SBI_SRST_TYPE_SHUTDOWN,
		    SBI_SRST_REASON_NONE, 0);
	sbi_call(SBI_LEGACY_SHUTDOWN, 0, 0, 0, 0);
}

static void
sbi_shutdown_final(void *dummy, int howto)
{
	if ((howto & RB_POWEROFF) != 0)
		sbi_system_shutdown();
}

/* The SBI turns the machine off, after every other shutdown handler. */
static void
sbi_late_init(const void *dummy)
{
	EVENTHANDLER_REGISTER(shutdown_final, sbi_shutdown_final, NULL,
	    SHUTDOWN_PRI_LAST);
}
SYSINIT(sbi, SI_SUB_KLD, SI_ORDER_ANY, sbi_late_init, NULL);
