/* The string and memory routines the kernel needs; there is no libc. */
#include <sys/systm.h>

void *
memset(void *b, int c, size_t len)
{
	unsigned char *p = b;

	while (len-- > 0)
		*p++ = (unsigned char)c;
	return (b);
}

void *
memcpy(void *dst, const void *src, size_t len)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (len-- > 0)
		*d++ = *s++;
	return (dst);
}

int
memcmp(const void *a, const void *b, size_t len)
{
	const unsigned char *p = a, *q = b;

	for (; len > 0; len--, p++, q++)
		if (*p != *q)
			return (*p - *q);
	return (0);
}

size_t
strlen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return (n);
}

int
strcmp(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b)
		a++, b++;
	return ((unsigned char)*a - (unsigned char)*b);
}

int
strncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		if (*a != *b)
			return ((unsigned char)*a - (unsigned char)*b);
		if (*a == '\0')
			return (0);
	}
	return (0);
}

char *
strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return ((char *)s);
		if (*s == '\0')
			return (NULL);
	}
}

/* Parse an unsigned number; base 0 accepts a 0x prefix for hexadecimal. */
uint64_t
strtou64(const char *s, const char **end, int base)
{
	uint64_t v = 0;
	int d;

	if (base == 0) {
		base = 10;
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
			base = 16;
			s += 2;
		}
	}
	for (;; s++) {
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			break;
		if (d >= base)
			break;
		v = v * base + d;
	}
	if (end != NULL)
		*end = s;
	return (v);
}
