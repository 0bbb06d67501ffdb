/*
 * The random device: a 256-bit pool stirred with SplitMix64/FNV mixing.
 * SI_SUB_RANDOM starts it from the time counter; a hardware source
 * (virtio-rng) harvests real entropy into it and unblocks it.  This is a
 * teaching generator, not a cryptographic one.
 */
#include <sys/systm.h>
#include <sys/kernel.h>
#include <sys/random.h>
#include <sys/tslog.h>
#include <riscv/riscvreg.h>

static uint64_t pool[4];
static uint64_t counter;
bool random_seeded;

static uint64_t
splitmix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15UL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9UL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebUL;
	return (x ^ (x >> 31));
}

void
random_harvest(const void *buf, size_t len, const char *source)
{
	const uint8_t *p = buf;
	size_t i;

	for (i = 0; i < len; i++) {
		uint64_t *w = &pool[i % 4];

		*w = splitmix64(*w ^ p[i] ^ ((uint64_t)i << 8));
	}
	if (!random_seeded && len >= 16) {
		random_seeded = true;
		printf("random: unblocking device (%s).\n", source);
	}
}

uint32_t
arc4random(void)
{
	uint64_t v = splitmix64(pool[counter % 4] ^ counter);

	pool[counter % 4] ^= v;
	counter++;
	return ((uint32_t)(v >> 32));
}

static void
random_init(const void *dummy)
{
	uint64_t t = rdtime();

	TSENTER();
	random_harvest(&t, sizeof(t), "timer");
	TSEXIT();
}
SYSINIT(random_device, SI_SUB_RANDOM, SI_ORDER_FIRST, random_init, NULL);
