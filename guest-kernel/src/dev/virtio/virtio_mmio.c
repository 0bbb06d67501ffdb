/*
 * The virtio-mmio bus: at SI_SUB_CONFIGURE it looks at every virtio,mmio
 * slot the device tree lists, and offers each present device (device id
 * not 0) to the drivers registered on "virtio_mmio".  Only the modern
 * interface (version 2) is driven.
 */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/bus.h>
#include <sys/interrupt.h>
#include <sys/malloc.h>
#include <sys/tslog.h>
#include <dev/virtio/virtio.h>
#include <riscv/machdep.h>
#include <riscv/riscvreg.h>
#include <vm/vm.h>

static struct virtio_softc slots[VIRTIO_MMIO_MAX];
static struct device devices[VIRTIO_MMIO_MAX];

static volatile uint32_t *
vreg(device_t dev, uint32_t off)
{
	struct virtio_softc *vs = dev->ivars;

	return ((volatile uint32_t *)devmap(vs->vs_pa + off));
}

uint32_t
virtio_read32(device_t dev, uint32_t off)
{
	return (*vreg(dev, off));
}

void
virtio_write32(device_t dev, uint32_t off, uint32_t v)
{
	*vreg(dev, off) = v;
}

uint8_t
virtio_read_config8(device_t dev, uint32_t off)
{
	return (*((volatile uint8_t *)vreg(dev, VIRTIO_MMIO_CONFIG) + off));
}

uint64_t
virtio_read_config64(device_t dev, uint32_t off)
{
	volatile uint32_t *p = vreg(dev, VIRTIO_MMIO_CONFIG + off);
	uint32_t gen, lo, hi;

	/* Re-read if the device changed its configuration meanwhile. */
	do {
		gen = virtio_read32(dev, VIRTIO_MMIO_CONFIG_GENERATION);
		lo = p[0];
		hi = p[1];
	} while (gen != virtio_read32(dev, VIRTIO_MMIO_CONFIG_GENERATION));
	return ((uint64_t)hi << 32 | lo);
}

static void
virtio_set_status(device_t dev, uint32_t bits)
{
	virtio_write32(dev, VIRTIO_MMIO_STATUS,
	    virtio_read32(dev, VIRTIO_MMIO_STATUS) | bits);
}

/* Reset, acknowledge, and agree on the features both sides know. */
int
virtio_negotiate_features(device_t dev, uint64_t wanted)
{
	struct virtio_softc *vs = dev->ivars;
	uint64_t offered;

	virtio_write32(dev, VIRTIO_MMIO_STATUS, 0);
	virtio_set_status(dev, VIRTIO_STATUS_ACK | VIRTIO_STATUS_DRIVER);
	virtio_write32(dev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	offered = (uint64_t)virtio_read32(dev, VIRTIO_MMIO_DEVICE_FEATURES) << 32;
	virtio_write32(dev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	offered |= virtio_read32(dev, VIRTIO_MMIO_DEVICE_FEATURES);
	vs->vs_features = offered & (wanted | VIRTIO_F_VERSION_1);
	if ((vs->vs_features & VIRTIO_F_VERSION_1) == 0) {
		virtio_set_status(dev, VIRTIO_STATUS_FAILED);
		return (-1);
	}
	virtio_write32(dev, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	virtio_write32(dev, VIRTIO_MMIO_DRIVER_FEATURES, vs->vs_features >> 32);
	virtio_write32(dev, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	virtio_write32(dev, VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)vs->vs_features);
	virtio_set_status(dev, VIRTIO_STATUS_FEATURES_OK);
	if ((virtio_read32(dev, VIRTIO_MMIO_STATUS) &
	    VIRTIO_STATUS_FEATURES_OK) == 0) {
		virtio_set_status(dev, VIRTIO_STATUS_FAILED);
		return (-1);
	}
	return (0);
}

int
virtio_alloc_virtqueue(device_t dev, int index, struct virtqueue *vq)
{
	vm_paddr_t page;
	uint32_t max;
	int i;

	virtio_write32(dev, VIRTIO_MMIO_QUEUE_SEL, (uint32_t)index);
	if (virtio_read32(dev, VIRTIO_MMIO_QUEUE_READY) != 0)
		return (-1);
	max = virtio_read32(dev, VIRTIO_MMIO_QUEUE_NUM_MAX);
	if (max < VQ_SIZE || (page = vm_page_alloc()) == 0)
		return (-1);
	memset(vq, 0, sizeof(*vq));
	vq->vq_dev = dev->ivars;
	vq->vq_index = index;
	vq->vq_size = VQ_SIZE;
	vq->vq_nfree = VQ_SIZE;
	/* desc: 16 x 16 bytes, avail at +256 (2-aligned), used at +512 (4). */
	vq->vq_desc = (struct vring_desc *)page;
	vq->vq_avail = (struct vring_avail *)(page + 256);
	vq->vq_used = (struct vring_used *)(page + 512);
	for (i = 0; i < VQ_SIZE - 1; i++)
		vq->vq_desc[i].next = (uint16_t)(i + 1);

	virtio_write32(dev, VIRTIO_MMIO_QUEUE_NUM, VQ_SIZE);
	virtio_write32(dev, VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)page);
	virtio_write32(dev, VIRTIO_MMIO_QUEUE_DESC_HIGH, page >> 32);
	virtio_write32(dev, VIRTIO_MMIO_QUEUE_AVAIL_LOW, (uint32_t)(page + 256));
	virtio_write32(dev, VIRTIO_MMIO_QUEUE_AVAIL_HIGH, (page + 256) >> 32);
	virtio_write32(dev, VIRTIO_MMIO_QUEUE_USED_LOW, (uint32_t)(page + 512));
	virtio_write32(dev, VIRTIO_MMIO_QUEUE_USED_HIGH, (page + 512) >> 32);
	virtio_write32(dev, VIRTIO_MMIO_QUEUE_READY, 1);
	return (0);
}

void
virtio_driver_ok(device_t dev)
{
	virtio_set_status(dev, VIRTIO_STATUS_DRIVER_OK);
}

/* The bus acknowledges the device's interrupt, then calls the driver. */
static void
virtio_mmio_intr(void *arg)
{
	device_t dev = arg;
	struct virtio_softc *vs = dev->ivars;
	uint32_t status;

	status = virtio_read32(dev, VIRTIO_MMIO_INTERRUPT_STATUS);
	virtio_write32(dev, VIRTIO_MMIO_INTERRUPT_ACK, status);
	if (vs->vs_intr != NULL)
		vs->vs_intr(vs->vs_intr_arg);
}

int
virtio_setup_intr(device_t dev, void (*handler)(void *), void *arg)
{
	struct virtio_softc *vs = dev->ivars;

	vs->vs_intr = handler;
	vs->vs_intr_arg = arg;
	return (intr_setup(vs->vs_irq, dev->nameunit, virtio_mmio_intr, dev));
}

/*
 * Chain segs into descriptors and make them available; -1 if full.  The
 * cookie (not NULL) comes back from virtqueue_dequeue() with the chain.
 */
int
virtqueue_enqueue(struct virtqueue *vq, const struct vq_seg *segs, int nsegs,
    void *cookie)
{
	uint16_t head = vq->vq_free_head, idx = head, prev = head;
	int i;

	if (nsegs <= 0 || nsegs > vq->vq_nfree)
		return (-1);
	for (i = 0; i < nsegs; i++) {
		struct vring_desc *d = &vq->vq_desc[idx];

		d->addr = (uint64_t)segs[i].addr;
		d->len = segs[i].len;
		d->flags = (segs[i].device_writes ? VRING_DESC_F_WRITE : 0) |
		    (i + 1 < nsegs ? VRING_DESC_F_NEXT : 0);
		prev = idx;
		idx = d->next;
	}
	vq->vq_cookie[head] = cookie;
	vq->vq_free_head = vq->vq_desc[prev].next;
	vq->vq_nfree -= (uint16_t)nsegs;
	vq->vq_avail->ring[vq->vq_avail->idx % vq->vq_size] = head;
	fence();		/* the ring entry before the index */
	vq->vq_avail->idx++;
	fence();
	return (0);
}

void
virtqueue_notify(struct virtqueue *vq)
{
	virtio_write32(vq->vq_dev->vs_dev, VIRTIO_MMIO_QUEUE_NOTIFY,
	    (uint32_t)vq->vq_index);
}

/*
 * Take one finished chain back and return its cookie; NULL if the device
 * has not finished one.  A chain id the driver never made available is
 * ignored rather than trusted.
 */
void *
virtqueue_dequeue(struct virtqueue *vq, uint32_t *lenp)
{
	struct vring_used_elem *e;
	uint16_t idx, n = 1;
	void *cookie;

	fence();
	if (vq->vq_last_used == *(volatile uint16_t *)&vq->vq_used->idx)
		return (NULL);
	e = &vq->vq_used->ring[vq->vq_last_used % vq->vq_size];
	vq->vq_last_used++;
	if (e->id >= vq->vq_size || (cookie = vq->vq_cookie[e->id]) == NULL)
		return (NULL);
	vq->vq_cookie[e->id] = NULL;
	if (lenp != NULL)
		*lenp = e->len;
	for (idx = (uint16_t)e->id; (vq->vq_desc[idx].flags &
	    VRING_DESC_F_NEXT) && n < vq->vq_size; idx = vq->vq_desc[idx].next)
		n++;
	vq->vq_desc[idx].next = vq->vq_free_head;
	vq->vq_free_head = (uint16_t)e->id;
	vq->vq_nfree += n;
	return (cookie);
}

/*
 * Wait up to a second for the next finished chain.  Interrupts are off
 * while the ring is checked and the hart sleeps in wfi (which still wakes
 * on a pending interrupt), then on so the handler runs: no wake-up can be
 * lost, and the time the device takes costs no instructions.
 */
int
virtqueue_poll(struct virtqueue *vq, uint32_t *lenp)
{
	uint64_t deadline = rdtime() + bootinfo.timebase;

	clock_wakeup_at(deadline);
	for (;;) {
		csr_clear(sstatus, SSTATUS_SIE);
		if (virtqueue_dequeue(vq, lenp) != NULL) {
			csr_set(sstatus, SSTATUS_SIE);
			return (0);
		}
		if (rdtime() >= deadline) {
			csr_set(sstatus, SSTATUS_SIE);
			return (-1);
		}
		__asm __volatile("wfi");
		csr_set(sstatus, SSTATUS_SIE);
	}
}

int
virtio_probe_id(device_t dev)
{
	struct virtio_softc *vs = dev->ivars;

	return (vs->vs_device_id == dev->driver->virtio_id ? 0 : -1);
}

void
device_printf(device_t dev, const char *fmt, ...)
{
	va_list ap;

	printf("%s: ", dev->nameunit);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

static void
virtio_mmio_attach_slot(int slot)
{
	struct virtio_softc *vs = &slots[slot];
	device_t dev = &devices[slot];
	driver_t *drv;

	dev->ivars = vs;
	vs->vs_dev = dev;
	vs->vs_pa = platform.virtio[slot].pa;
	vs->vs_irq = platform.virtio[slot].irq;
	if (virtio_read32(dev, VIRTIO_MMIO_MAGIC_VALUE) != VIRTIO_MMIO_MAGIC)
		return;
	vs->vs_device_id = virtio_read32(dev, VIRTIO_MMIO_DEVICE_ID);
	if (vs->vs_device_id == 0)
		return;		/* an empty slot */
	if (virtio_read32(dev, VIRTIO_MMIO_VERSION) != 2) {
		printf("virtio_mmio%d: legacy (version 1) device %u ignored\n",
		    slot, vs->vs_device_id);
		return;
	}
	for (drv = driver_list(); drv != NULL; drv = drv->next) {
		if (strcmp(drv->bus, "virtio_mmio") != 0 || drv->probe == NULL)
			continue;
		dev->driver = drv;
		if (drv->probe(dev) != 0)
			continue;
		dev->unit = drv->unit_count++;
		snprintf(dev->namebuf, sizeof(dev->namebuf), "%s%d", drv->name,
		    dev->unit);
		dev->nameunit = dev->namebuf;
		if (drv->softc_size != 0)
			dev->softc = malloc(drv->softc_size, M_DEVBUF, M_ZERO);
		printf("%s: <%s> at virtio_mmio%d mem 0x%lx-0x%lx irq %d\n",
		    dev->nameunit, drv->name, slot, vs->vs_pa,
		    vs->vs_pa + 0xfff, vs->vs_irq);
		TSENTER2(dev->nameunit);
		if (drv->attach(dev) != 0) {
			device_printf(dev, "attach failed\n");
			dev->nameunit = NULL;
		}
		TSEXIT2(dev->nameunit != NULL ? dev->nameunit : "failed");
		return;
	}
	dev->driver = NULL;
	printf("virtio_mmio%d: <virtio device type %u> no driver attached\n",
	    slot, vs->vs_device_id);
}

static void
configure(const void *dummy)
{
	int slot;

	TSENTER();
	for (slot = 0; slot < platform.nvirtio; slot++)
		virtio_mmio_attach_slot(slot);
	TSEXIT();
}
SYSINIT(configure2, SI_SUB_CONFIGURE, SI_ORDER_THIRD, configure, NULL);
