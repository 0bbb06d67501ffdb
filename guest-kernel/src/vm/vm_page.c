/*
 * The physical page allocator: every page of DRAM after the kernel image,
 * except the device tree's, on a free list.  SI_SUB_VM sets it up; the
 * kernel's page tables and the user processes take pages from it.  Pages
 * are handed out zeroed: from the pagedaemon's reserve of pages zeroed
 * ahead of time (vm/vm_pageout.c) when it has any, else zeroed here.
 */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/tslog.h>
#include <vm/vm.h>

struct free_page {
	struct free_page *next;
};

static struct free_page *free_list;
uint64_t vm_cnt_free, vm_cnt_total;	/* free counts the reserve too */

static vm_paddr_t zeroed[VM_ZERO_TARGET];
int vm_page_zero_count;

static void
pagezero(void *va)
{
	uint64_t *p = va, *end = p + PAGE_SIZE / sizeof(*p);

	while (p < end) {
		p[0] = 0;
		p[1] = 0;
		p[2] = 0;
		p[3] = 0;
		p += 4;
	}
}

vm_paddr_t
vm_page_alloc(void)
{
	struct free_page *p;
	vm_paddr_t pa;

	if (vm_page_zero_count > 0) {
		pa = zeroed[--vm_page_zero_count];
	} else {
		if ((p = free_list) == NULL)
			return (0);
		free_list = p->next;
		pa = (vm_paddr_t)p;
		pagezero(p);
	}
	vm_cnt_free--;
	if (vm_page_zero_count < VM_ZERO_MIN)
		pagedaemon_wakeup();
	return (pa);
}

/* Zero a free page for the reserve; false if it is full or none is free. */
bool
vm_page_zero_idle(void)
{
	struct free_page *p = free_list;

	if (p == NULL || vm_page_zero_count == VM_ZERO_TARGET)
		return (false);
	free_list = p->next;
	pagezero(p);
	zeroed[vm_page_zero_count++] = (vm_paddr_t)p;
	return (true);
}

void
vm_page_free(vm_paddr_t pa)
{
	struct free_page *p = (struct free_page *)pa;

	p->next = free_list;
	free_list = p;
	vm_cnt_free++;
}

static void
vm_mem_init(const void *dummy)
{
	vm_paddr_t pa, end, dtb_start, dtb_end;

	TSENTER();
	end = rounddown2(bootinfo.mem_start + bootinfo.mem_size, PAGE_SIZE);
	dtb_start = rounddown2(bootinfo.dtb_pa, PAGE_SIZE);
	dtb_end = roundup2(bootinfo.dtb_pa + bootinfo.dtb_size, PAGE_SIZE);
	/* Push in descending order so allocation hands out low pages first. */
	for (pa = end - PAGE_SIZE; pa >= bootinfo.kernel_end; pa -= PAGE_SIZE) {
		if (pa >= dtb_start && pa < dtb_end)
			continue;
		vm_page_free(pa);
	}
	vm_cnt_total = vm_cnt_free;
	TSEXIT();
}
SYSINIT(vm_mem, SI_SUB_VM, SI_ORDER_FIRST, vm_mem_init, NULL);
