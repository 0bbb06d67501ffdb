/* The ns16550a UART as the system console: polled output, polled input. */
#include <sys/systm.h>
#include <riscv/machdep.h>

#define	REG_DATA	0	/* receive / transmit holding register */
#define	REG_IER		1	/* interrupt enable */
#define	REG_FCR		2	/* FIFO control */
#define	REG_LCR		3	/* line control */
#define	REG_MCR		4	/* modem control */
#define	REG_LSR		5	/* line status */
#define	LCR_8N1		0x03
#define	FCR_ENABLE	0x07	/* enable and reset both FIFOs */
#define	MCR_DTR_RTS	0x03
#define	LSR_RXRDY	0x01
#define	LSR_THRE	0x20

static vm_paddr_t uart_pa;

static volatile uint8_t *
uart_reg(int reg)
{
	return ((volatile uint8_t *)devmap(uart_pa) + reg);
}

void
uart_ns8250_init(vm_paddr_t pa)
{
	uart_pa = pa;
	*uart_reg(REG_IER) = 0;
	*uart_reg(REG_LCR) = LCR_8N1;
	*uart_reg(REG_FCR) = FCR_ENABLE;
	*uart_reg(REG_MCR) = MCR_DTR_RTS;
}

void
uart_ns8250_putc(int c)
{
	while ((*uart_reg(REG_LSR) & LSR_THRE) == 0)
		;
	*uart_reg(REG_DATA) = (uint8_t)c;
}

int
uart_ns8250_getc(void)
{
	if ((*uart_reg(REG_LSR) & LSR_RXRDY) == 0)
		return (-1);
	return (*uart_reg(REG_DATA));
}
