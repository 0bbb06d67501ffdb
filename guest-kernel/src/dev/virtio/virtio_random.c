/*
 * virtio-rng: an entropy device.  The driver offers a device-writable
 * buffer; the device fills it with random bytes, which seed the kernel's
 * random pool at attach time.
 */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/bus.h>
#include <sys/random.h>
#include <dev/virtio/virtio.h>

struct vtrnd_softc {
	struct virtqueue vq;
	uint8_t		buf[32];
};

static void
vtrnd_intr(void *arg)
{
	/* Completion is noticed by virtqueue_poll(). */
}

static int
vtrnd_attach(device_t dev)
{
	struct vtrnd_softc *sc = dev->softc;
	struct vq_seg seg = { sc->buf, sizeof(sc->buf), true };
	uint32_t len;

	if (virtio_negotiate_features(dev, 0) != 0 ||
	    virtio_alloc_virtqueue(dev, 0, &sc->vq) != 0 ||
	    virtio_setup_intr(dev, vtrnd_intr, sc) != 0)
		return (-1);
	virtio_driver_ok(dev);
	if (virtqueue_enqueue(&sc->vq, &seg, 1, sc) != 0)
		return (-1);
	virtqueue_notify(&sc->vq);
	if (virtqueue_poll(&sc->vq, &len) != 0 || len == 0 ||
	    len > sizeof(sc->buf)) {
		device_printf(dev, "no entropy from the device\n");
		return (0);
	}
	device_printf(dev, "harvested %u bytes of entropy\n", len);
	random_harvest(sc->buf, len, dev->nameunit);
	return (0);
}

static driver_t vtrnd_driver = {
	.name = "vtrnd",
	.probe = virtio_probe_id,
	.attach = vtrnd_attach,
	.virtio_id = VIRTIO_ID_ENTROPY,
	.softc_size = sizeof(struct vtrnd_softc),
};
DRIVER_MODULE(virtio_random, virtio_mmio, vtrnd_driver);
