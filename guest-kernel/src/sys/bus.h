/*
 * Drivers and devices on the virtio-mmio bus.  DRIVER_MODULE registers a
 * driver at (SI_SUB_DRIVERS, SI_ORDER_MIDDLE); at SI_SUB_CONFIGURE the bus
 * offers every device it found to every registered driver.
 */
#ifndef _SYS_BUS_H_
#define _SYS_BUS_H_

#include <sys/kernel.h>

struct device;
typedef struct device *device_t;

struct driver {
	const char	*name;
	int		(*probe)(device_t dev);		/* 0: mine */
	int		(*attach)(device_t dev);
	uint32_t	virtio_id;	/* for virtio_probe_id() */
	size_t		softc_size;
	const char	*bus;		/* set when the module registers */
	struct driver	*next;		/* the registered drivers */
	int		unit_count;
};
typedef struct driver driver_t;

struct device {
	driver_t	*driver;
	const char	*nameunit;
	char		namebuf[16];
	int		unit;
	void		*softc;
	void		*ivars;		/* the bus's per-device data */
};

struct moduledata {
	const char	*name;
	const char	*bus;
	driver_t	*driver;
};

void	module_register_init(void *data);
#define	DRIVER_MODULE(name, busname, driver)				\
	static struct moduledata name##_##busname##_mod = {		\
		#name, #busname, &(driver)				\
	};								\
	SYSINIT(name##_##busname##module, SI_SUB_DRIVERS,		\
	    SI_ORDER_MIDDLE, module_register_init,			\
	    &name##_##busname##_mod)

int	virtio_probe_id(device_t dev);
driver_t *driver_list(void);
int	driver_count(void);
void	device_printf(device_t dev, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
