/* Device interrupt handlers, dispatched from the PLIC. */
#ifndef _SYS_INTERRUPT_H_
#define _SYS_INTERRUPT_H_

typedef void driver_intr_t(void *arg);

int	intr_setup(int irq, const char *name, driver_intr_t *handler, void *arg);
extern volatile uint64_t ticks;
void	clock_wakeup_at(uint64_t t);
extern int hz;

#endif
