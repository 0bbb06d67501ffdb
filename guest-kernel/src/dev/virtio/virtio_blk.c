/*
 * virtio-blk: the disk the root file system lives on.  A read is a chain
 * of three buffers: the request header (type, sector), the data the device
 * fills, and a status byte the device writes.  Requests go one at a time
 * through a page-sized bounce buffer (8 sectors).
 */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/bus.h>
#include <sys/disk.h>
#include <sys/malloc.h>
#include <dev/virtio/virtio.h>
#include <vm/vm.h>

#define	VIRTIO_BLK_T_IN		0
#define	VIRTIO_BLK_S_OK		0
#define	VIRTIO_BLK_CFG_CAPACITY	0	/* 64-bit, in 512-byte sectors */

struct virtio_blk_outhdr {
	uint32_t	type;
	uint32_t	reserved;
	uint64_t	sector;
};

struct vtblk_softc {
	device_t	dev;
	struct virtqueue vq;
	struct disk	disk;
	struct virtio_blk_outhdr hdr;
	uint8_t		status;
	uint8_t		*bounce;	/* one page */
};

static void
vtblk_intr(void *arg)
{
	/* Completion is noticed by virtqueue_poll(); nothing else to do. */
}

static int
vtblk_read(struct disk *dp, uint64_t lba, void *buf, uint32_t nsect)
{
	struct vtblk_softc *sc = dp->d_drv1;
	struct vq_seg segs[3] = {
		{ &sc->hdr, sizeof(sc->hdr), false },
		{ sc->bounce, nsect * DEV_BSIZE, true },
		{ &sc->status, 1, true },
	};

	if (nsect == 0 || nsect > PAGE_SIZE / DEV_BSIZE ||
	    lba + nsect > dp->d_sectors)
		return (-1);
	sc->hdr.type = VIRTIO_BLK_T_IN;
	sc->hdr.reserved = 0;
	sc->hdr.sector = lba;
	sc->status = 0xff;
	if (virtqueue_enqueue(&sc->vq, segs, 3, sc) != 0)
		return (-1);
	virtqueue_notify(&sc->vq);
	if (virtqueue_poll(&sc->vq, NULL) != 0 ||
	    sc->status != VIRTIO_BLK_S_OK)
		return (-1);
	memcpy(buf, sc->bounce, nsect * DEV_BSIZE);
	return (0);
}

static int
vtblk_attach(device_t dev)
{
	struct vtblk_softc *sc = dev->softc;

	sc->dev = dev;
	if ((sc->bounce = (uint8_t *)vm_page_alloc()) == NULL)
		return (-1);
	if (virtio_negotiate_features(dev, 0) != 0 ||
	    virtio_alloc_virtqueue(dev, 0, &sc->vq) != 0 ||
	    virtio_setup_intr(dev, vtblk_intr, sc) != 0)
		return (-1);
	virtio_driver_ok(dev);
	sc->disk.d_name = "vtbd0";
	sc->disk.d_sectors = virtio_read_config64(dev, VIRTIO_BLK_CFG_CAPACITY);
	sc->disk.d_read = vtblk_read;
	sc->disk.d_drv1 = sc;
	disk_create(&sc->disk);
	printf("%s: %luMB (%lu %d byte sectors)\n", sc->disk.d_name,
	    sc->disk.d_sectors * DEV_BSIZE >> 20, sc->disk.d_sectors, DEV_BSIZE);
	return (0);
}

static driver_t vtblk_driver = {
	.name = "vtblk",
	.probe = virtio_probe_id,
	.attach = vtblk_attach,
	.virtio_id = VIRTIO_ID_BLOCK,
	.softc_size = sizeof(struct vtblk_softc),
};
DRIVER_MODULE(virtio_blk, virtio_mmio, vtblk_driver);
