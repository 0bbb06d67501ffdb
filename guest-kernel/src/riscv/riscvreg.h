/* RISC-V control and status registers and the counters, as inline helpers. */
#ifndef _MACHINE_RISCVREG_H_
#define _MACHINE_RISCVREG_H_

#include <sys/types.h>

#define	SSTATUS_SIE	(1UL << 1)
#define	SSTATUS_SPIE	(1UL << 5)
#define	SSTATUS_SPP	(1UL << 8)
#define	SSTATUS_FS_INITIAL (1UL << 13)
#define	SSTATUS_FS_MASK	(3UL << 13)
#define	SSTATUS_SUM	(1UL << 18)

#define	SIE_SSIE	(1UL << 1)
#define	SIE_STIE	(1UL << 5)
#define	SIE_SEIE	(1UL << 9)

#define	SCAUSE_INTR		(1UL << 63)
#define	SCAUSE_CODE(c)		((c) & ~SCAUSE_INTR)
#define	IRQ_SOFTWARE_SUPERVISOR	1
#define	IRQ_TIMER_SUPERVISOR	5
#define	IRQ_EXTERNAL_SUPERVISOR	9
#define	SCAUSE_ECALL_USER	8
#define	SCAUSE_INST_PAGE_FAULT	12
#define	SCAUSE_LOAD_PAGE_FAULT	13
#define	SCAUSE_STORE_PAGE_FAULT	15

#define	csr_read(csr) ({						\
	register_t __v;							\
	__asm __volatile("csrr %0, " #csr : "=r" (__v) :: "memory");	\
	__v;								\
})
#define	csr_write(csr, val) ({						\
	register_t __v = (register_t)(val);				\
	__asm __volatile("csrw " #csr ", %0" :: "rK" (__v) : "memory");	\
})
#define	csr_set(csr, val) ({						\
	register_t __v = (register_t)(val);				\
	__asm __volatile("csrs " #csr ", %0" :: "rK" (__v) : "memory");	\
})
#define	csr_clear(csr, val) ({						\
	register_t __v = (register_t)(val);				\
	__asm __volatile("csrc " #csr ", %0" :: "rK" (__v) : "memory");	\
})

static inline uint64_t
rdtime(void)
{
	uint64_t v;

	__asm __volatile("rdtime %0" : "=r" (v));
	return (v);
}

static inline uint64_t
rdcycle(void)
{
	uint64_t v;

	__asm __volatile("rdcycle %0" : "=r" (v));
	return (v);
}

static inline uint64_t
rdinstret(void)
{
	uint64_t v;

	__asm __volatile("rdinstret %0" : "=r" (v) :: "memory");
	return (v);
}

static inline void
sfence_vma(void)
{
	__asm __volatile("sfence.vma" ::: "memory");
}

static inline void
fence(void)
{
	__asm __volatile("fence" ::: "memory");
}

#endif
