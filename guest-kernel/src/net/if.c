/* The list of attached network interfaces. */
#include <sys/systm.h>
#include <net/if_var.h>

#define	IF_MAX	4

static struct ifnet *ifnets[IF_MAX];
static int nifnets;

void
if_attach(struct ifnet *ifp)
{
	if (nifnets < IF_MAX)
		ifnets[nifnets++] = ifp;
}

struct ifnet *
ifunit(const char *name)
{
	int i;

	for (i = 0; i < nifnets; i++)
		if (name == NULL || strcmp(ifnets[i]->if_xname, name) == 0)
			return (ifnets[i]);
	return (NULL);
}
