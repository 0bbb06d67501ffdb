/*
 * Machine-dependent early start-up: locore.S calls initriscv() with the
 * hart id and the device tree.  It finds memory and devices in the DTB,
 * brings up the console and the kernel environment, turns paging on,
 * installs the trap vector and hands over to mi_startup().
 */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/fdt.h>
#include <sys/proc.h>
#include <sys/tslog.h>
#include <riscv/machdep.h>
#include <riscv/riscvreg.h>
#include <riscv/sbi.h>

struct bootinfo bootinfo;
struct platform platform;
static vm_offset_t devmap_offset;	/* 0 until paging is on */
static bool uart_console;

extern char _end[];
extern void cpu_exception_handler(void);

void *
devmap(vm_paddr_t pa)
{
	return ((void *)(pa + devmap_offset));
}

void
cnputc(int c)
{
	if (c == '\n')
		cnputc('\r');
	if (uart_console)
		uart_ns8250_putc(c);
	else
		sbi_console_putchar(c);
}

static void
parse_reg(const struct fdt *fdt, int node, int acells, int scells,
    vm_paddr_t *base, uint64_t *size)
{
	const uint8_t *reg;
	int len;

	*base = 0;
	if (size != NULL)
		*size = 0;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (reg == NULL || len < (acells + scells) * 4)
		return;
	*base = fdt_cells(reg, acells);
	if (size != NULL)
		*size = fdt_cells(reg + acells * 4, scells);
}

static int
parse_irq(const struct fdt *fdt, int node)
{
	const void *p;
	int len;

	p = fdt_getprop(fdt, node, "interrupts", &len);
	return (p != NULL && len >= 4 ? (int)fdt32(p) : -1);
}

/*
 * One pass over the tree.  QEMU's virt machine uses two address cells and
 * two size cells everywhere; the root's values are used for every node.
 */
static void
parse_dtb(const void *dtb)
{
	struct fdt fdt;
	const char *bootargs = "", *stdout_path = NULL;
	const void *p;
	int node, depth, len, acells = 2, scells = 2;

	if (fdt_init(&fdt, dtb) != 0)
		return;
	bootinfo.dtb_size = fdt.total_size;
	node = fdt_next_node(&fdt, -1, &depth);
	if ((p = fdt_getprop(&fdt, node, "#address-cells", NULL)) != NULL)
		acells = (int)fdt32(p);
	if ((p = fdt_getprop(&fdt, node, "#size-cells", NULL)) != NULL)
		scells = (int)fdt32(p);

	for (; node >= 0; node = fdt_next_node(&fdt, node, &depth)) {
		const char *name = fdt_get_name(&fdt, node);

		if (depth == 1 && strncmp(name, "memory", 6) == 0 &&
		    bootinfo.mem_size == 0)
			parse_reg(&fdt, node, acells, scells,
			    &bootinfo.mem_start, &bootinfo.mem_size);
		else if (depth == 1 && strcmp(name, "chosen") == 0) {
			if ((p = fdt_getprop(&fdt, node, "bootargs", &len)) != NULL)
				bootargs = p;
			stdout_path = fdt_getprop(&fdt, node, "stdout-path", NULL);
		} else if (depth == 1 && strcmp(name, "cpus") == 0) {
			p = fdt_getprop(&fdt, node, "timebase-frequency", &len);
			if (p != NULL)
				bootinfo.timebase = fdt_cells(p, len / 4);
		} else if (fdt_is_compatible(&fdt, node, "ns16550a") &&
		    platform.uart_pa == 0) {
			parse_reg(&fdt, node, acells, scells, &platform.uart_pa,
			    NULL);
			platform.uart_irq = parse_irq(&fdt, node);
		} else if (fdt_is_compatible(&fdt, node, "riscv,plic0") ||
		    fdt_is_compatible(&fdt, node, "sifive,plic-1.0.0")) {
			parse_reg(&fdt, node, acells, scells, &platform.plic_pa,
			    NULL);
			p = fdt_getprop(&fdt, node, "riscv,ndev", NULL);
			platform.plic_ndev = p != NULL ? (int)fdt32(p) : 0;
		} else if (fdt_is_compatible(&fdt, node, "sifive,test0")) {
			parse_reg(&fdt, node, acells, scells, &platform.test_pa,
			    NULL);
		} else if (fdt_is_compatible(&fdt, node, "virtio,mmio") &&
		    platform.nvirtio < VIRTIO_MMIO_MAX) {
			int i = platform.nvirtio++;

			parse_reg(&fdt, node, acells, scells,
			    &platform.virtio[i].pa, NULL);
			platform.virtio[i].irq = parse_irq(&fdt, node);
			/* Keep the slots in address order (insertion sort). */
			for (; i > 0 && platform.virtio[i - 1].pa >
			    platform.virtio[i].pa; i--) {
				struct virtio_slot t = platform.virtio[i];

				platform.virtio[i] = platform.virtio[i - 1];
				platform.virtio[i - 1] = t;
			}
		}
	}

	/* The console named by /chosen/stdout-path wins if it is a UART. */
	if (stdout_path != NULL) {
		node = fdt_path_offset(&fdt, stdout_path);
		if (node >= 0 && fdt_is_compatible(&fdt, node, "ns16550a")) {
			parse_reg(&fdt, node, acells, scells, &platform.uart_pa,
			    NULL);
			platform.uart_irq = parse_irq(&fdt, node);
		}
	}
	init_static_kenv(bootargs);
}

/* Power off through the SBI, else the sifive,test0 device, else sleep. */
void
cpu_halt(void)
{
	sbi_system_shutdown();
	if (platform.test_pa != 0)
		*(volatile uint32_t *)devmap(platform.test_pa) = 0x5555;
	for (;;)
		__asm __volatile("wfi");
}

void
initriscv(uint64_t hartid, vm_paddr_t dtb, uint64_t time0, uint64_t instret0)
{
	bootinfo.hartid = hartid;
	bootinfo.dtb_pa = dtb;
	bootinfo.boot_time = time0;
	bootinfo.boot_instret = instret0;
	bootinfo.kernel_end = roundup2((vm_paddr_t)_end, 4096);
	bootinfo.timebase = 10000000;

	parse_dtb((const void *)dtb);
	if (platform.uart_pa != 0) {
		uart_ns8250_init(platform.uart_pa);
		uart_console = true;
	}
	if (bootinfo.mem_size == 0)
		panic("no memory node in the device tree");

	pmap_bootstrap();
	devmap_offset = DEVMAP_BASE;

	/* Traps from now on; sscratch == 0 means "trapped from the kernel". */
	csr_write(sscratch, 0);
	csr_write(stvec, (register_t)cpu_exception_handler);


	mi_startup();
}
