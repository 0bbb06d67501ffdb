/* Kernel-wide declarations: console output, panic, string helpers, environment. */
#ifndef _SYS_SYSTM_H_
#define _SYS_SYSTM_H_

#include <sys/types.h>

/* subr_prf.c */
int	printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int	vprintf(const char *fmt, va_list ap);
int	snprintf(char *buf, size_t size, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
int	vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
void	panic(const char *fmt, ...) __dead2 __attribute__((format(printf, 1, 2)));

#define	KASSERT(exp, msg) do {						\
	if (!(exp))							\
		panic msg;						\
} while (0)

/* The console (riscv/machdep.c picks the ns16550 or the SBI console). */
void	cnputc(int c);

/* libkern */
void	*memset(void *b, int c, size_t len);
void	*memcpy(void *dst, const void *src, size_t len);
int	memcmp(const void *a, const void *b, size_t len);
size_t	strlen(const char *s);
int	strcmp(const char *a, const char *b);
int	strncmp(const char *a, const char *b, size_t n);
char	*strchr(const char *s, int c);
uint64_t strtou64(const char *s, const char **end, int base);

/* kern_environment.c: the kernel environment, filled from the DTB's bootargs. */
void	init_static_kenv(const char *bootargs);
const char *kern_getenv(const char *name);
bool	getenv_bool(const char *name, bool dflt);
bool	getenv_quad(const char *name, int64_t *value);
extern char kern_bootargs[];

/* Physical memory and the machine, filled in by initriscv(). */
struct bootinfo {
	vm_paddr_t	mem_start;	/* first byte of DRAM */
	uint64_t	mem_size;	/* bytes of DRAM */
	vm_paddr_t	dtb_pa;		/* the flattened device tree */
	uint64_t	dtb_size;
	uint64_t	timebase;	/* time CSR ticks per second */
	uint64_t	hartid;
	vm_paddr_t	kernel_end;	/* end of the kernel image and BSS */
	uint64_t	boot_time;	/* time CSR at kernel entry */
	uint64_t	boot_instret;	/* instret at kernel entry */
};
extern struct bootinfo bootinfo;

#endif
