/*
 * Virtio over MMIO, version 2 (the "modern" interface only), and split
 * virtqueues.  Register offsets and bits from the Virtio 1.x specification.
 */
#ifndef _DEV_VIRTIO_VIRTIO_H_
#define _DEV_VIRTIO_VIRTIO_H_

#include <sys/types.h>
#include <sys/bus.h>

#define	VIRTIO_MMIO_MAGIC_VALUE		0x000	/* "virt" */
#define	VIRTIO_MMIO_VERSION		0x004
#define	VIRTIO_MMIO_DEVICE_ID		0x008
#define	VIRTIO_MMIO_VENDOR_ID		0x00c
#define	VIRTIO_MMIO_DEVICE_FEATURES	0x010
#define	VIRTIO_MMIO_DEVICE_FEATURES_SEL	0x014
#define	VIRTIO_MMIO_DRIVER_FEATURES	0x020
#define	VIRTIO_MMIO_DRIVER_FEATURES_SEL	0x024
#define	VIRTIO_MMIO_QUEUE_SEL		0x030
#define	VIRTIO_MMIO_QUEUE_NUM_MAX	0x034
#define	VIRTIO_MMIO_QUEUE_NUM		0x038
#define	VIRTIO_MMIO_QUEUE_READY		0x044
#define	VIRTIO_MMIO_QUEUE_NOTIFY	0x050
#define	VIRTIO_MMIO_INTERRUPT_STATUS	0x060
#define	VIRTIO_MMIO_INTERRUPT_ACK	0x064
#define	VIRTIO_MMIO_STATUS		0x070
#define	VIRTIO_MMIO_QUEUE_DESC_LOW	0x080
#define	VIRTIO_MMIO_QUEUE_DESC_HIGH	0x084
#define	VIRTIO_MMIO_QUEUE_AVAIL_LOW	0x090
#define	VIRTIO_MMIO_QUEUE_AVAIL_HIGH	0x094
#define	VIRTIO_MMIO_QUEUE_USED_LOW	0x0a0
#define	VIRTIO_MMIO_QUEUE_USED_HIGH	0x0a4
#define	VIRTIO_MMIO_CONFIG_GENERATION	0x0fc
#define	VIRTIO_MMIO_CONFIG		0x100

#define	VIRTIO_MMIO_MAGIC		0x74726976

#define	VIRTIO_STATUS_ACK		1
#define	VIRTIO_STATUS_DRIVER		2
#define	VIRTIO_STATUS_DRIVER_OK		4
#define	VIRTIO_STATUS_FEATURES_OK	8
#define	VIRTIO_STATUS_FAILED		128

#define	VIRTIO_F_VERSION_1		(1ULL << 32)

#define	VIRTIO_ID_NETWORK		1
#define	VIRTIO_ID_BLOCK			2
#define	VIRTIO_ID_ENTROPY		4

#define	VRING_DESC_F_NEXT		1
#define	VRING_DESC_F_WRITE		2

#define	VQ_SIZE				16

struct vring_desc {
	uint64_t	addr;
	uint32_t	len;
	uint16_t	flags;
	uint16_t	next;
};

struct vring_avail {
	uint16_t	flags;
	uint16_t	idx;
	uint16_t	ring[VQ_SIZE];
};

struct vring_used_elem {
	uint32_t	id;
	uint32_t	len;
};

struct vring_used {
	uint16_t	flags;
	uint16_t	idx;
	struct vring_used_elem ring[VQ_SIZE];
};

/* A split virtqueue; its rings live in one zeroed page. */
struct virtqueue {
	struct virtio_softc *vq_dev;
	int		vq_index;
	uint16_t	vq_size;
	uint16_t	vq_free_head;	/* next unused descriptor */
	uint16_t	vq_nfree;
	uint16_t	vq_last_used;	/* used.idx already consumed */
	struct vring_desc *vq_desc;
	struct vring_avail *vq_avail;
	struct vring_used *vq_used;
	void		*vq_cookie[VQ_SIZE];	/* per chain head, for dequeue */
};

/* One buffer of a request: driver-readable (out) or device-writable (in). */
struct vq_seg {
	void		*addr;
	uint32_t	len;
	bool		device_writes;
};

/* The bus's per-device data, the ivars of a virtio device_t. */
struct virtio_softc {
	vm_paddr_t	vs_pa;
	int		vs_irq;
	uint32_t	vs_device_id;
	uint64_t	vs_features;	/* negotiated */
	device_t	vs_dev;
	void		(*vs_intr)(void *arg);	/* the driver's handler */
	void		*vs_intr_arg;
};

uint32_t virtio_read32(device_t dev, uint32_t off);
void	virtio_write32(device_t dev, uint32_t off, uint32_t v);
uint8_t	virtio_read_config8(device_t dev, uint32_t off);
uint64_t virtio_read_config64(device_t dev, uint32_t off);
int	virtio_negotiate_features(device_t dev, uint64_t wanted);
int	virtio_alloc_virtqueue(device_t dev, int index, struct virtqueue *vq);
void	virtio_driver_ok(device_t dev);
int	virtio_setup_intr(device_t dev, void (*handler)(void *), void *arg);
int	virtqueue_enqueue(struct virtqueue *vq, const struct vq_seg *segs,
	    int nsegs, void *cookie);
void	virtqueue_notify(struct virtqueue *vq);
void	*virtqueue_dequeue(struct virtqueue *vq, uint32_t *lenp);
int	virtqueue_poll(struct virtqueue *vq, uint32_t *lenp);

#endif
