/*
 * virtio-net: queue 0 receives, queue 1 transmits.  Every frame is
 * preceded by a 12-byte virtio_net_hdr (no offloads are negotiated, so it
 * is all zeros on transmit).  Receive buffers are posted in advance and
 * re-posted once their frame has been copied out.
 */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/bus.h>
#include <sys/interrupt.h>
#include <dev/virtio/virtio.h>
#include <net/if_var.h>
#include <riscv/riscvreg.h>
#include <vm/vm.h>

#define	VIRTIO_NET_F_MAC	(1ULL << 5)
#define	VIRTIO_NET_CFG_MAC	0
#define	VTNET_HDR_LEN		12
#define	VTNET_RX_BUFS		4
#define	VTNET_BUF_SIZE		2048	/* two per page */

struct vtnet_softc {
	struct virtqueue rxq;
	struct virtqueue txq;
	uint8_t		*rxbuf[VTNET_RX_BUFS];
	uint8_t		*txbuf;
	struct ifnet	ifnet;
};

static int
vtnet_post_rx(struct vtnet_softc *sc, uint8_t *buf)
{
	struct vq_seg seg = { buf, VTNET_BUF_SIZE, true };

	return (virtqueue_enqueue(&sc->rxq, &seg, 1, buf));
}

static int
vtnet_output(struct ifnet *ifp, const void *frame, size_t len)
{
	struct vtnet_softc *sc = ifp->if_softc;
	struct vq_seg seg = { sc->txbuf, (uint32_t)(VTNET_HDR_LEN + len), false };

	if (len > ETHER_MAX_LEN)
		return (-1);
	memset(sc->txbuf, 0, VTNET_HDR_LEN);
	memcpy(sc->txbuf + VTNET_HDR_LEN, frame, len);
	if (virtqueue_enqueue(&sc->txq, &seg, 1, sc) != 0)
		return (-1);
	virtqueue_notify(&sc->txq);
	return (virtqueue_poll(&sc->txq, NULL));
}

/* Copy out the next received frame and post its buffer again. */
static int
vtnet_input(struct ifnet *ifp, void *buf, size_t *lenp, uint64_t deadline)
{
	struct vtnet_softc *sc = ifp->if_softc;
	uint8_t *rxbuf;
	uint32_t len;

	clock_wakeup_at(deadline);
	for (;;) {
		csr_clear(sstatus, SSTATUS_SIE);
		if ((rxbuf = virtqueue_dequeue(&sc->rxq, &len)) != NULL)
			break;
		if (rdtime() >= deadline) {
			csr_set(sstatus, SSTATUS_SIE);
			return (-1);
		}
		__asm __volatile("wfi");
		csr_set(sstatus, SSTATUS_SIE);
	}
	csr_set(sstatus, SSTATUS_SIE);
	if (len < VTNET_HDR_LEN || len > VTNET_BUF_SIZE)
		len = VTNET_HDR_LEN;
	*lenp = len - VTNET_HDR_LEN;
	memcpy(buf, rxbuf + VTNET_HDR_LEN, *lenp);
	vtnet_post_rx(sc, rxbuf);
	virtqueue_notify(&sc->rxq);
	return (0);
}

static void
vtnet_intr(void *arg)
{
	/* Completions are noticed by the waiting side. */
}

static int
vtnet_attach(device_t dev)
{
	struct vtnet_softc *sc = dev->softc;
	struct virtio_softc *vs = dev->ivars;
	int i;

	if (virtio_negotiate_features(dev, VIRTIO_NET_F_MAC) != 0 ||
	    (vs->vs_features & VIRTIO_NET_F_MAC) == 0 ||
	    virtio_alloc_virtqueue(dev, 0, &sc->rxq) != 0 ||
	    virtio_alloc_virtqueue(dev, 1, &sc->txq) != 0 ||
	    virtio_setup_intr(dev, vtnet_intr, sc) != 0)
		return (-1);
	for (i = 0; i < VTNET_RX_BUFS; i += 2) {
		uint8_t *page = (uint8_t *)vm_page_alloc();

		if (page == NULL)
			return (-1);
		sc->rxbuf[i] = page;
		sc->rxbuf[i + 1] = page + VTNET_BUF_SIZE;
	}
	if ((sc->txbuf = (uint8_t *)vm_page_alloc()) == NULL)
		return (-1);
	for (i = 0; i < VTNET_RX_BUFS; i++)
		vtnet_post_rx(sc, sc->rxbuf[i]);
	virtio_driver_ok(dev);
	virtqueue_notify(&sc->rxq);

	for (i = 0; i < ETHER_ADDR_LEN; i++)
		sc->ifnet.if_addr[i] = virtio_read_config8(dev,
		    VIRTIO_NET_CFG_MAC + i);
	sc->ifnet.if_xname = dev->nameunit;
	sc->ifnet.if_output = vtnet_output;
	sc->ifnet.if_input = vtnet_input;
	sc->ifnet.if_softc = sc;
	if_attach(&sc->ifnet);
	device_printf(dev, "Ethernet address: %02x:%02x:%02x:%02x:%02x:%02x\n",
	    sc->ifnet.if_addr[0], sc->ifnet.if_addr[1], sc->ifnet.if_addr[2],
	    sc->ifnet.if_addr[3], sc->ifnet.if_addr[4], sc->ifnet.if_addr[5]);
	return (0);
}

static driver_t vtnet_driver = {
	.name = "vtnet",
	.probe = virtio_probe_id,
	.attach = vtnet_attach,
	.virtio_id = VIRTIO_ID_NETWORK,
	.softc_size = sizeof(struct vtnet_softc),
};
DRIVER_MODULE(vtnet, virtio_mmio, vtnet_driver);
