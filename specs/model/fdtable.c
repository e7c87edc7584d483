/* The descriptor table: fs/file.c (alloc_fd, find_next_fd, expand_files,
 * fd_install, file_close_fd).  Numbers are handed out lowest first, and
 * RLIMIT_NOFILE bounds them: running out is EMFILE. */
#include <stdlib.h>

#include "kernel.h"
#include "model_impl.h"

#define BITS_PER_LONG 64

static int words_for(int bits)
{
	return (bits + BITS_PER_LONG - 1) / BITS_PER_LONG;
}

/* expand_fdtable(): grow the table (by doubling, as the kernel does) so
 * that nr fits; the limit is nofile, not the table's size. */
static void expand_fdtable(struct fdtable *fdt, int nr)
{
	int n = fdt->max_fds ? fdt->max_fds : BITS_PER_LONG;
	size_t old_words, new_words;

	while (n <= nr)
		n *= 2;
	old_words = (size_t)words_for(fdt->max_fds);
	new_words = (size_t)words_for(n);
	fdt->fd = realloc(fdt->fd, (size_t)n * sizeof(*fdt->fd));
	fdt->open_fds = realloc(fdt->open_fds, new_words * sizeof(uint64_t));
	fdt->full_fds_bits = realloc(fdt->full_fds_bits,
				     ((size_t)words_for((int)new_words) + 1) *
					     sizeof(uint64_t));
	if (!fdt->fd || !fdt->open_fds || !fdt->full_fds_bits)
		model_oom();
	for (int i = fdt->max_fds; i < n; i++)
		fdt->fd[i] = NULL;
	for (size_t w = old_words; w < new_words; w++)
		fdt->open_fds[w] = 0;
	/* the summary is rebuilt: a word that was the last, partial one may
	 * have been counted full */
	for (int i = 0; i <= words_for((int)new_words); i++)
		fdt->full_fds_bits[i] = 0;
	for (size_t w = 0; w < new_words; w++)
		if (!~fdt->open_fds[w])
			fdt->full_fds_bits[w / BITS_PER_LONG] |=
				(uint64_t)1 << (w % BITS_PER_LONG);
	fdt->max_fds = n;
}

void fdt_init(struct model *m, int nofile)
{
	m->fdt.nofile = nofile;
	m->fdt.max_fds = 0;
	m->fdt.next_fd = 0;
	expand_fdtable(&m->fdt, 0);
}

void fdt_destroy(struct model *m)
{
	free(m->fdt.fd);
	free(m->fdt.open_fds);
	free(m->fdt.full_fds_bits);
}

/* find_next_zero_bit(): the first clear bit in [start, size), or size. */
static int find_next_zero_bit(const uint64_t *map, int size, int start)
{
	while (start < size) {
		uint64_t word =
			~map[start / BITS_PER_LONG] >> (start % BITS_PER_LONG);

		if (word) {
			int bit = start + __builtin_ctzll(word);

			return bit < size ? bit : size;
		}
		start = (start / BITS_PER_LONG + 1) * BITS_PER_LONG;
	}
	return size;
}

/* find_next_fd() */
static int find_next_fd(const struct fdtable *fdt, int start)
{
	int maxfd = fdt->max_fds;
	int maxbit = maxfd / BITS_PER_LONG;
	int bitbit = start / BITS_PER_LONG;
	int bit;

	bit = find_next_zero_bit(&fdt->open_fds[bitbit], BITS_PER_LONG,
				 start & (BITS_PER_LONG - 1));
	if (bit < BITS_PER_LONG)
		return bit + bitbit * BITS_PER_LONG;

	bitbit = find_next_zero_bit(fdt->full_fds_bits, maxbit, bitbit + 1) *
		 BITS_PER_LONG;
	if (bitbit >= maxfd)
		return maxfd;
	if (bitbit > start)
		start = bitbit;
	return find_next_zero_bit(fdt->open_fds, maxfd, start);
}

/* __set_open_fd() */
static void set_open_fd(struct fdtable *fdt, int fd)
{
	int word = fd / BITS_PER_LONG;

	fdt->open_fds[word] |= (uint64_t)1 << (fd % BITS_PER_LONG);
	if (!~fdt->open_fds[word])
		fdt->full_fds_bits[word / BITS_PER_LONG] |=
			(uint64_t)1 << (word % BITS_PER_LONG);
}

/* __clear_open_fd() */
static void clear_open_fd(struct fdtable *fdt, int fd)
{
	int word = fd / BITS_PER_LONG;

	fdt->open_fds[word] &= ~((uint64_t)1 << (fd % BITS_PER_LONG));
	fdt->full_fds_bits[word / BITS_PER_LONG] &=
		~((uint64_t)1 << (word % BITS_PER_LONG));
}

/* alloc_fd(0, rlimit(RLIMIT_NOFILE)) */
int get_unused_fd(struct model *m)
{
	struct fdtable *fdt = &m->fdt;
	int fd = fdt->next_fd;

	if (fd < fdt->max_fds)
		fd = find_next_fd(fdt, fd);
	if (fd >= fdt->nofile)
		return -EMFILE;
	if (fd >= fdt->max_fds) /* expand_files() */
		expand_fdtable(fdt, fd);
	fdt->next_fd = fd + 1;
	set_open_fd(fdt, fd);
	return fd;
}

/* Take number fd outright, whatever is free below it: the table as it is
 * after a file the model does not know was opened there (model_reserve).
 * The next_fd hint stays, being only a lower bound. */
int fd_take(struct model *m, int fd)
{
	struct fdtable *fdt = &m->fdt;

	if (fd < 0 || fd >= fdt->nofile)
		return -EBADF;
	if (fd >= fdt->max_fds)
		expand_fdtable(fdt, fd);
	if (fdt->fd[fd])
		return 0;
	set_open_fd(fdt, fd);
	return 1;
}

/* put_unused_fd() */
void put_unused_fd(struct model *m, int fd)
{
	clear_open_fd(&m->fdt, fd);
	if (fd < m->fdt.next_fd)
		m->fdt.next_fd = fd;
}

/* fd_install() */
void fd_install(struct model *m, int fd, struct mfile *f)
{
	m->fdt.fd[fd] = f;
}

/* fdget(): the file behind fd, or NULL. */
struct mfile *fdget(const struct model *m, int fd)
{
	if (fd < 0 || fd >= m->fdt.max_fds)
		return NULL;
	return m->fdt.fd[fd];
}

/* file_close_fd(): unhook fd and hand back its file (the caller fputs). */
struct mfile *file_close_fd(struct model *m, int fd)
{
	struct mfile *f = fdget(m, fd);

	if (!f)
		return NULL;
	m->fdt.fd[fd] = NULL;
	put_unused_fd(m, fd);
	return f;
}
