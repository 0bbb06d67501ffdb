/*
 * The Supervisor Binary Interface: the calls this kernel makes to the
 * firmware (OpenSBI, or BootLab's direct boot).  Only base, TIME, IPI,
 * RFENCE, HSM, SRST, DBCN and the legacy console/shutdown calls are used.
 */
#ifndef _MACHINE_SBI_H_
#define _MACHINE_SBI_H_

#include <sys/types.h>

#define	SBI_EXT_ID_BASE		0x10
#define	SBI_EXT_ID_TIME		0x54494D45
#define	SBI_EXT_ID_SRST		0x53525354
#define	SBI_EXT_ID_DBCN		0x4442434E
#define	SBI_LEGACY_CONSOLE_PUTCHAR 1
#define	SBI_LEGACY_CONSOLE_GETCHAR 2
#define	SBI_LEGACY_SHUTDOWN	8

#define	SBI_BASE_GET_SPEC_VERSION 0
#define	SBI_BASE_GET_IMPL_ID	1
#define	SBI_BASE_GET_IMPL_VERSION 2
#define	SBI_BASE_PROBE_EXTENSION 3

#define	SBI_SRST_TYPE_SHUTDOWN	0
#define	SBI_SRST_REASON_NONE	0

struct sbi_ret {
	long error;
	long value;
};

struct sbi_ret sbi_call(uint64_t ext, uint64_t func, uint64_t a0,
    uint64_t a1, uint64_t a2);
long	sbi_probe_extension(uint64_t ext);
void	sbi_set_timer(uint64_t stime_value);
void	sbi_console_putchar(int c);
void	sbi_system_shutdown(void);
void	sbi_print_version(void);

#endif
