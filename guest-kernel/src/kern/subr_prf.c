/*
 * printf(9): formatted output to the console.  Supports the conversions the
 * kernel uses: %d %i %u %x %X %o %p %s %c %%, the l/ll/z/j length modifiers,
 * field width, '0' padding and '-' left adjustment.
 */
#include <sys/systm.h>
#include <riscv/machdep.h>

struct prf_out {
	char	*buf;		/* NULL: the console */
	size_t	size;
	size_t	len;
};

static void
prf_putc(struct prf_out *o, int c)
{
	if (o->buf == NULL)
		cnputc(c);
	else if (o->len + 1 < o->size)
		o->buf[o->len] = (char)c;
	o->len++;
}

static void
prf_number(struct prf_out *o, uint64_t v, int base, bool upper, int width,
    bool zero, bool left, bool neg, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len, pad;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v != 0);
	len = n + (neg ? 1 : 0) + (int)strlen(prefix);
	pad = width > len ? width - len : 0;
	if (!left && !zero)
		for (; pad > 0; pad--)
			prf_putc(o, ' ');
	if (neg)
		prf_putc(o, '-');
	for (; *prefix != '\0'; prefix++)
		prf_putc(o, *prefix);
	if (!left)
		for (; pad > 0; pad--)
			prf_putc(o, '0');
	while (n > 0)
		prf_putc(o, tmp[--n]);
	for (; pad > 0; pad--)
		prf_putc(o, ' ');
}

static int
kvprintf(struct prf_out *o, const char *fmt, va_list ap)
{
	for (; *fmt != '\0'; fmt++) {
		int width = 0, lflag = 0;
		bool zero = false, left = false;
		const char *s;
		uint64_t u;
		int64_t d;

		if (*fmt != '%') {
			prf_putc(o, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '0')
				zero = true;
			else if (*fmt == '-')
				left = true;
			else
				break;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (;; fmt++) {
			if (*fmt == 'l')
				lflag++;
			else if (*fmt == 'z' || *fmt == 'j')
				lflag = 2;
			else
				break;
		}
		switch (*fmt) {
		case 'd':
		case 'i':
			d = lflag > 0 ? va_arg(ap, int64_t) : va_arg(ap, int);
			prf_number(o, d < 0 ? -(uint64_t)d : (uint64_t)d, 10,
			    false, width, zero, left, d < 0, "");
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			u = lflag > 0 ? va_arg(ap, uint64_t) : va_arg(ap, u_int);
			prf_number(o, u, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16,
			    *fmt == 'X', width, zero, left, false, "");
			break;
		case 'p':
			u = (uint64_t)va_arg(ap, void *);
			prf_number(o, u, 16, false, width, zero, left, false,
			    "0x");
			break;
		case 'c':
			prf_putc(o, va_arg(ap, int));
			break;
		case 's':
			s = va_arg(ap, const char *);
			if (s == NULL)
				s = "(null)";
			width -= (int)strlen(s);
			for (; !left && width > 0; width--)
				prf_putc(o, ' ');
			for (; *s != '\0'; s++)
				prf_putc(o, *s);
			for (; width > 0; width--)
				prf_putc(o, ' ');
			break;
		case '%':
			prf_putc(o, '%');
			break;
		default:
			prf_putc(o, '%');
			prf_putc(o, *fmt);
			if (*fmt == '\0')
				return ((int)o->len);
		}
	}
	return ((int)o->len);
}

int
vprintf(const char *fmt, va_list ap)
{
	struct prf_out o = { NULL, 0, 0 };

	return (kvprintf(&o, fmt, ap));
}

int
printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return (n);
}

int
vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct prf_out o = { buf, size, 0 };
	int n;

	n = kvprintf(&o, fmt, ap);
	if (size > 0)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (n);
}

int
snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return (n);
}

void
panic(const char *fmt, ...)
{
	va_list ap;

	printf("panic: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	cpu_halt();
}
