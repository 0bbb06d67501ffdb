/*
 * A first look at the network once interfaces are attached: resolve the
 * host's IPv4 address with ARP, send it one ICMP echo request and print the
 * reply, as ping(8) would.  Addresses come from the bootargs
 * net.inet.ip.addr (ours, default 192.0.2.15) and net.ping.host (default
 * 192.0.2.2, QEMU's user-mode network host with net=192.0.2.0/24).
 */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/random.h>
#include <sys/tslog.h>
#include <net/if_var.h>
#include <riscv/riscvreg.h>

#define	ETHERTYPE_IP	0x0800
#define	ETHERTYPE_ARP	0x0806
#define	ARPOP_REQUEST	1
#define	ARPOP_REPLY	2
#define	IPPROTO_ICMP	1
#define	ICMP_ECHOREPLY	0
#define	ICMP_ECHO	8
#define	PING_DATALEN	56

static uint8_t frame[ETHER_MAX_LEN];

static uint16_t
get16(const uint8_t *p)
{
	return ((uint16_t)(p[0] << 8 | p[1]));
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* The Internet checksum: ones' complement of the ones' complement sum. */
static uint16_t
in_cksum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;

	for (; len > 1; p += 2, len -= 2)
		sum += get16(p);
	if (len == 1)
		sum += (uint32_t)p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ((uint16_t)~sum);
}

static bool
parse_ip(const char *s, uint8_t ip[4])
{
	const char *end;
	int i;

	for (i = 0; i < 4; i++) {
		uint64_t v = strtou64(s, &end, 10);

		if (end == s || v > 255 || (i < 3 && *end != '.'))
			return (false);
		ip[i] = (uint8_t)v;
		s = end + 1;
	}
	return (*end == '\0');
}

static void
ether_header(struct ifnet *ifp, const uint8_t *dst, uint16_t type)
{
	memcpy(frame, dst, ETHER_ADDR_LEN);
	memcpy(frame + 6, ifp->if_addr, ETHER_ADDR_LEN);
	put16(frame + 12, type);
}

static int
arp_resolve(struct ifnet *ifp, const uint8_t me[4], const uint8_t host[4],
    uint8_t mac[ETHER_ADDR_LEN])
{
	static const uint8_t broadcast[ETHER_ADDR_LEN] =
	    { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint64_t deadline = rdtime() + bootinfo.timebase;
	uint8_t *arp = frame + 14;
	size_t len;

	ether_header(ifp, broadcast, ETHERTYPE_ARP);
	put16(arp, 1);			/* hardware: Ethernet */
	put16(arp + 2, ETHERTYPE_IP);
	arp[4] = ETHER_ADDR_LEN;
	arp[5] = 4;
	put16(arp + 6, ARPOP_REQUEST);
	memcpy(arp + 8, ifp->if_addr, ETHER_ADDR_LEN);
	memcpy(arp + 14, me, 4);
	memset(arp + 18, 0, ETHER_ADDR_LEN);
	memcpy(arp + 24, host, 4);
	memset(arp + 28, 0, 60 - 14 - 28);	/* pad to the minimum frame */
	if (ifp->if_output(ifp, frame, 60) != 0)
		return (-1);
	while (ifp->if_input(ifp, frame, &len, deadline) == 0) {
		if (len >= 42 && get16(frame + 12) == ETHERTYPE_ARP &&
		    get16(arp + 6) == ARPOP_REPLY &&
		    memcmp(arp + 14, host, 4) == 0) {
			memcpy(mac, arp + 8, ETHER_ADDR_LEN);
			return (0);
		}
	}
	return (-1);
}

static int
icmp_echo(struct ifnet *ifp, const uint8_t me[4], const uint8_t host[4],
    const uint8_t mac[ETHER_ADDR_LEN])
{
	uint8_t *ip = frame + 14, *icmp = ip + 20;
	uint16_t id = (uint16_t)arc4random();
	uint64_t t0, t1, deadline, us;
	size_t len, i;

	ether_header(ifp, mac, ETHERTYPE_IP);
	ip[0] = 0x45;			/* version 4, 20-byte header */
	ip[1] = 0;
	put16(ip + 2, 20 + 8 + PING_DATALEN);
	put16(ip + 4, id);
	put16(ip + 6, 0);
	ip[8] = 64;			/* TTL */
	ip[9] = IPPROTO_ICMP;
	put16(ip + 10, 0);
	memcpy(ip + 12, me, 4);
	memcpy(ip + 16, host, 4);
	put16(ip + 10, in_cksum(ip, 20));
	icmp[0] = ICMP_ECHO;
	icmp[1] = 0;
	put16(icmp + 2, 0);
	put16(icmp + 4, id);
	put16(icmp + 6, 0);		/* sequence 0 */
	for (i = 0; i < PING_DATALEN; i++)
		icmp[8 + i] = (uint8_t)i;
	put16(icmp + 2, in_cksum(icmp, 8 + PING_DATALEN));

	t0 = rdtime();
	deadline = t0 + bootinfo.timebase;
	if (ifp->if_output(ifp, frame, 14 + 20 + 8 + PING_DATALEN) != 0)
		return (-1);
	while (ifp->if_input(ifp, frame, &len, deadline) == 0) {
		if (len < 14 + 20 + 8 || get16(frame + 12) != ETHERTYPE_IP ||
		    (ip[0] & 0xf0) != 0x40 || ip[9] != IPPROTO_ICMP)
			continue;
		icmp = ip + (ip[0] & 0x0f) * 4;
		if (icmp + 8 > frame + len || icmp[0] != ICMP_ECHOREPLY ||
		    get16(icmp + 4) != id)
			continue;
		t1 = rdtime();
		us = (t1 - t0) * 1000000UL / bootinfo.timebase;
		printf("ping: %u bytes from %u.%u.%u.%u: icmp_seq=%u ttl=%u "
		    "time=%lu.%03lu ms\n", (u_int)(get16(ip + 2) - 20),
		    ip[12], ip[13], ip[14], ip[15], get16(icmp + 6), ip[8],
		    us / 1000, us % 1000);
		return (0);
	}
	return (-1);
}

static void
ping_host(const void *dummy)
{
	const char *s;
	uint8_t me[4] = { 192, 0, 2, 15 }, host[4] = { 192, 0, 2, 2 };
	uint8_t mac[ETHER_ADDR_LEN];
	struct ifnet *ifp = ifunit(NULL);

	if (ifp == NULL)
		return;
	TSENTER();
	if ((s = kern_getenv("net.inet.ip.addr")) != NULL && !parse_ip(s, me))
		printf("net.inet.ip.addr: bad address %s\n", s);
	if ((s = kern_getenv("net.ping.host")) != NULL && !parse_ip(s, host))
		printf("net.ping.host: bad address %s\n", s);
	printf("%s: inet %u.%u.%u.%u\n", ifp->if_xname, me[0], me[1], me[2],
	    me[3]);
	if (arp_resolve(ifp, me, host, mac) != 0) {
		printf("arp: %u.%u.%u.%u: no reply\n", host[0], host[1],
		    host[2], host[3]);
	} else {
		printf("arp: %u.%u.%u.%u is at %02x:%02x:%02x:%02x:%02x:%02x "
		    "on %s\n", host[0], host[1], host[2], host[3], mac[0],
		    mac[1], mac[2], mac[3], mac[4], mac[5], ifp->if_xname);
		if (icmp_echo(ifp, me, host, mac) != 0)
			printf("ping: %u.%u.%u.%u: no echo reply\n", host[0],
			    host[1], host[2], host[3]);
	}
	TSEXIT();
}
SYSINIT(ping, SI_SUB_PROTO_IFATTACHDOMAIN, SI_ORDER_ANY, ping_host, NULL);
