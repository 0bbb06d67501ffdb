/*
 * The platform-level interrupt controller.  Each source has a priority;
 * a context (here hart 0's S-mode, context 1) has enable bits, a priority
 * threshold and a claim/complete register.  SI_SUB_INTR programs it and
 * turns on external interrupts; drivers add handlers with intr_setup().
 */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/interrupt.h>
#include <sys/tslog.h>
#include <riscv/machdep.h>
#include <riscv/riscvreg.h>

#define	PLIC_PRIORITY(irq)	(4 * (irq))
#define	PLIC_ENABLE(ctx)	(0x2000 + 0x80 * (ctx))
#define	PLIC_THRESHOLD(ctx)	(0x200000 + 0x1000 * (ctx))
#define	PLIC_CLAIM(ctx)		(0x200004 + 0x1000 * (ctx))
#define	PLIC_MAX_IRQ		128

static struct intr_handler {
	const char	*name;
	driver_intr_t	*handler;
	void		*arg;
	uint64_t	count;
} handlers[PLIC_MAX_IRQ];

static int plic_context;

static volatile uint32_t *
plic_reg(uint32_t off)
{
	return ((volatile uint32_t *)devmap(platform.plic_pa + off));
}

int
intr_setup(int irq, const char *name, driver_intr_t *handler, void *arg)
{
	if (platform.plic_pa == 0 || irq <= 0 || irq >= PLIC_MAX_IRQ)
		return (-1);
	handlers[irq].name = name;
	handlers[irq].handler = handler;
	handlers[irq].arg = arg;
	*plic_reg(PLIC_PRIORITY(irq)) = 1;
	*plic_reg(PLIC_ENABLE(plic_context) + 4 * (irq / 32)) |=
	    1U << (irq % 32);
	return (0);
}

/* Claim, dispatch and complete until nothing is pending. */
void
intr_irq_handler(void)
{
	uint32_t irq;

	while ((irq = *plic_reg(PLIC_CLAIM(plic_context))) != 0) {
		if (irq < PLIC_MAX_IRQ && handlers[irq].handler != NULL) {
			handlers[irq].count++;
			handlers[irq].handler(handlers[irq].arg);
		}
		*plic_reg(PLIC_CLAIM(plic_context)) = irq;
	}
}

static void
intr_init(const void *dummy)
{
	TSENTER();
	/* Context 2*hart+1 is the hart's S-mode context on QEMU's virt. */
	plic_context = (int)(2 * bootinfo.hartid + 1);
	if (platform.plic_pa != 0) {
		*plic_reg(PLIC_THRESHOLD(plic_context)) = 0;
		csr_set(sie, SIE_SEIE);
	}
	csr_set(sstatus, SSTATUS_SIE);
	TSEXIT();
}
SYSINIT(intr, SI_SUB_INTR, SI_ORDER_FIRST, intr_init, NULL);
