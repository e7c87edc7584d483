/* malloc, calloc, realloc and free of the program, the libraries
 * included, counting the usable size of every live block: what the
 * allocator really sets aside, rounding included, headers excluded.
 * glibc's own allocator does the work (its __libc_ entry points). */
#include <errno.h>
#include <malloc.h>
#include <stddef.h>

#include "heap.h"

/* Under AddressSanitizer the wrappers would take malloc away from it (make
 * test SANITIZE=1 runs the bench programs as a smoke test): the count is
 * then not kept (heap_live says -1) and ASan checks the heap. */
#if defined(__SANITIZE_ADDRESS__)
#define HEAP_UNCOUNTED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HEAP_UNCOUNTED 1
#endif
#endif

#ifdef HEAP_UNCOUNTED
int64_t heap_live(void)
{
	return -1;
}
#else

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);
void __libc_free(void *p);
void *__libc_memalign(size_t align, size_t size);

/* The wrappers must carry the standard names and are called from C
 * libraries only, so they are declared here to keep the warnings. */
void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
void *memalign(size_t align, size_t size);
void *aligned_alloc(size_t align, size_t size);
int posix_memalign(void **out, size_t align, size_t size);

static int64_t live;

int64_t heap_live(void)
{
	return live;
}

static void *counted(void *p)
{
	if (p)
		live += (int64_t)malloc_usable_size(p);
	return p;
}

void *malloc(size_t size)
{
	return counted(__libc_malloc(size));
}

void *calloc(size_t n, size_t size)
{
	return counted(__libc_calloc(n, size));
}

void *realloc(void *p, size_t size)
{
	size_t old = p ? malloc_usable_size(p) : 0;
	void *q = __libc_realloc(p, size);

	/* A failed realloc leaves the old block alone. */
	if (!q && size != 0)
		return q;
	live -= (int64_t)old;
	return counted(q);
}

void free(void *p)
{
	if (p)
		live -= (int64_t)malloc_usable_size(p);
	__libc_free(p);
}

void *memalign(size_t align, size_t size)
{
	return counted(__libc_memalign(align, size));
}

void *aligned_alloc(size_t align, size_t size)
{
	return counted(__libc_memalign(align, size));
}

int posix_memalign(void **out, size_t align, size_t size)
{
	void *p;

	if (align < sizeof(void *) || (align & (align - 1)) != 0)
		return EINVAL;
	p = counted(__libc_memalign(align, size));
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}
#endif
