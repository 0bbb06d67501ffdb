/* A network interface as the protocols see it: send a frame, wait for one. */
#ifndef _NET_IF_VAR_H_
#define _NET_IF_VAR_H_

#include <sys/types.h>

#define	ETHER_ADDR_LEN	6
#define	ETHER_MAX_LEN	1518

struct ifnet {
	const char	*if_xname;
	uint8_t		if_addr[ETHER_ADDR_LEN];
	int		(*if_output)(struct ifnet *ifp, const void *frame,
			    size_t len);
	/* Copy the next received frame into buf; -1 if none by deadline. */
	int		(*if_input)(struct ifnet *ifp, void *buf, size_t *lenp,
			    uint64_t deadline);
	void		*if_softc;
};

void	if_attach(struct ifnet *ifp);
struct ifnet *ifunit(const char *name);

#endif
