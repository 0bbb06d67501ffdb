/* What initriscv() learns about the machine from the device tree. */
#ifndef _MACHINE_MACHDEP_H_
#define _MACHINE_MACHDEP_H_

#include <sys/types.h>

#define	VIRTIO_MMIO_MAX	8

struct platform {
	vm_paddr_t	uart_pa;	/* ns16550a, 0 if none */
	int		uart_irq;
	vm_paddr_t	plic_pa;	/* riscv,plic0, 0 if none */
	int		plic_ndev;
	vm_paddr_t	test_pa;	/* sifive,test0 power-off device */
	int		nvirtio;
	struct virtio_slot {
		vm_paddr_t	pa;
		int		irq;
	} virtio[VIRTIO_MMIO_MAX];	/* sorted by address */
};
extern struct platform platform;

/*
 * Device registers live below 1 GiB of physical space; once paging is on
 * they are reached through a gigapage mapped at DEVMAP_BASE.
 */
#define	DEVMAP_BASE	0xffffffc000000000UL
void	*devmap(vm_paddr_t pa);

void	initriscv(uint64_t hartid, vm_paddr_t dtb, uint64_t time0,
	    uint64_t instret0) __dead2;
void	pmap_bootstrap(void);
void	uart_ns8250_init(vm_paddr_t pa);
void	uart_ns8250_putc(int c);
int	uart_ns8250_getc(void);
void	cpu_halt(void) __dead2;

#endif
