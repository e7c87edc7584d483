/* safepoll-replay [--kernel | --model | --wrapper | --check]
 *                 [--linux X.Y] TRACE...
 *
 * Replays traces in the language of trace/LANGUAGE.md against the kernel,
 * the model or safepoll, or (--check, the default) all three, comparing.
 * '-' reads a trace from standard input.  Every trace is parsed before
 * anything runs; a malformed one ends the replay with status 2. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model.h"
#include "replay.h"

enum mode { MODE_KERNEL, MODE_MODEL, MODE_WRAPPER, MODE_CHECK };

static const char usage_text[] =
	"usage: safepoll-replay [--kernel | --model | --wrapper | --check] "
	"[--linux X.Y] TRACE...\n"
	"       safepoll-replay --help\n"
	"Replays each TRACE (trace/LANGUAGE.md; '-' reads standard input).\n"
	"  --kernel   the raw system calls, one result line per operation\n"
	"  --model    what the model (specs/model) predicts; no system call\n"
	"  --wrapper  epoll, add, mod, del and wait through safepoll\n"
	"  --check    all three, with a '!' line where one differs "
	"(the default);\n"
	"             a summary line on stderr at the end\n"
	"  --linux X.Y  the model describes Linux X.Y (5.10 or later), not the\n"
	"             running kernel\n"
	"  --help     this text\n"
	"  --         ends the options\n"
	"Exit status: 0 ran (and agreed), 1 --check found a difference, "
	"2 a malformed\n"
	"trace or a bad argument, 3 a wait blocked for ever, "
	"4 the replay failed.\n";

static void usage(FILE *to)
{
	fputs(usage_text, to);
}

/* A result file (NAME.out: "LINE => RESULT") given for a trace: its first
 * line fails to parse as an operation, which says little; say what the
 * file looks like. */
static void hint_result_file(const char *name, const char *s, size_t len)
{
	const char *nl = memchr(s, '\n', len);
	size_t first = nl ? (size_t)(nl - s) : len;

	if (memmem(s, first, " => ", 4))
		fprintf(stderr,
			"safepoll-replay: %s: this is a result file (its lines "
			"read 'OPERATION => RESULT'); give the .trace file it "
			"came from\n",
			name);
}

/* LANGUAGE.md: the first descriptor a trace opens is 3.  So nothing above 2
 * may stay open, and 0, 1 and 2 must be taken. */
static int clean_descriptors(void)
{
	if (close_range(3, ~0u, 0) < 0)
		return -1;
	for (int fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) >= 0)
			continue;
		if (open("/dev/null", O_RDWR) != fd)
			return -1;
	}
	return 0;
}

static int read_all(int fd, struct trace_buf *b)
{
	char chunk[65536];
	ssize_t n;

	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		trace_buf_put(b, chunk, (size_t)n);
	}
	return b->failed ? -1 : 0;
}

/* Reads and parses one trace.  Returns 0, REPLAY_BAD or REPLAY_FAILED. */
static int load(const char *path, struct trace *t)
{
	bool std = strcmp(path, "-") == 0;
	const char *name = std ? "<stdin>" : path;
	struct trace_buf b = {0};
	char err[TRACE_ERR_MAX];
	int fd = std ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	int r;

	if (fd < 0) {
		fprintf(stderr, "safepoll-replay: %s: %s\n", path,
			strerror(errno));
		return REPLAY_BAD;
	}
	r = read_all(fd, &b);
	if (r < 0)
		fprintf(stderr, "safepoll-replay: %s: %s\n", path,
			b.failed ? "out of memory" : strerror(errno));
	if (!std)
		close(fd);
	if (r == 0) {
		r = trace_parse(t, name, b.s ? b.s : "", b.len, err);
		if (r != 0)
			fprintf(stderr, "%s\n", err);
		if (r == -1)
			hint_result_file(name, b.s ? b.s : "", b.len);
	}
	trace_buf_free(&b);
	return r == 0 ? 0 : r == -2 ? REPLAY_FAILED : REPLAY_BAD;
}

static int run_one(const struct trace *t, enum mode mode)
{
	switch (mode) {
	case MODE_KERNEL: return replay_run(t, replay_kernel_init, false);
	case MODE_MODEL: return replay_run(t, replay_model_init, false);
	case MODE_WRAPPER: return replay_run(t, replay_wrapper_init, false);
	case MODE_CHECK: return replay_check(t);
	}
	return REPLAY_FAILED;
}

/* Each trace of several runs in a process of its own, so that each
 * starts from descriptor 3 and no state leaks between them. */
static int run_forked(const struct trace *t, enum mode mode)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return REPLAY_FAILED;
	if (pid == 0) {
		status = run_one(t, mode);
		fflush(stdout);
		_exit(status);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return REPLAY_FAILED;
	return WEXITSTATUS(status);
}

/* A failure of the replay outweighs a difference, which outweighs a
 * blocked wait. */
static int worse(int a, int b)
{
	static const int rank[] = {0, 2, 3, 1, 4};

	if (a < 0 || a > 4 || b < 0 || b > 4)
		return REPLAY_FAILED;
	return rank[a] >= rank[b] ? a : b;
}

/* --check's last word, on stderr so that stdout stays the result lines:
 * said also when all agree, which the result lines alone leave unsaid. */
struct summary {
	size_t traces, ops, by_status[5];
};

static void tally(struct summary *s, const struct trace *t, int status)
{
	s->traces++;
	s->ops += t->nops;
	s->by_status[status >= 0 && status <= 4 ? status : REPLAY_FAILED]++;
}

static void print_summary(const struct summary *s)
{
	fprintf(stderr,
		"safepoll-replay --check: %zu trace%s, %zu operation%s: "
		"%zu agree, %zu differ, %zu blocked, %zu failed\n",
		s->traces, s->traces == 1 ? "" : "s", s->ops,
		s->ops == 1 ? "" : "s", s->by_status[REPLAY_OK],
		s->by_status[REPLAY_DIFF], s->by_status[REPLAY_BLOCKED],
		s->by_status[REPLAY_FAILED] + s->by_status[REPLAY_BAD]);
}

int main(int argc, char **argv)
{
	enum mode mode = MODE_CHECK;
	struct trace *traces;
	int first = 1, nmodes = 0, status = REPLAY_OK;
	struct summary sum = {0};
	bool loaded;
	size_t n;

	for (; first < argc && strncmp(argv[first], "--", 2) == 0; first++) {
		const char *a = argv[first];

		if (strcmp(a, "--") == 0) {
			first++;
			break;
		}
		if (strcmp(a, "--help") == 0) {
			usage(stdout);
			return REPLAY_OK;
		}
		/* --linux X.Y: the model describes kernel X.Y, not the
		 * running one (specs/model/release.c). */
		if (strcmp(a, "--linux") == 0) {
			if (++first >= argc || model_set_linux(argv[first]) < 0) {
				fprintf(stderr, "safepoll-replay: --linux %s: not a "
					"kernel release the model knows (X.Y, 5.10 "
					"or later)\n", first < argc ? argv[first]
								    : "needs X.Y");
				return REPLAY_BAD;
			}
			continue;
		}
		nmodes++;
		if (strcmp(a, "--kernel") == 0)
			mode = MODE_KERNEL;
		else if (strcmp(a, "--model") == 0)
			mode = MODE_MODEL;
		else if (strcmp(a, "--wrapper") == 0)
			mode = MODE_WRAPPER;
		else if (strcmp(a, "--check") == 0)
			mode = MODE_CHECK;
		else {
			fprintf(stderr,
				"safepoll-replay: unknown option '%s'\n", a);
			nmodes = 99;
		}
	}
	if (nmodes > 1 || first >= argc) {
		usage(stderr);
		return REPLAY_BAD;
	}
	if (clean_descriptors() < 0) {
		perror("safepoll-replay: closing inherited descriptors");
		return REPLAY_FAILED;
	}
	replay_signals_init();
	n = (size_t)(argc - first);
	traces = calloc(n, sizeof(*traces));
	if (!traces)
		return REPLAY_FAILED;
	for (size_t i = 0; i < n; i++)
		status = worse(status, load(argv[first + (int)i], &traces[i]));
	loaded = status == REPLAY_OK;
	/* Nothing runs unless every trace is well formed. */
	for (size_t i = 0; i < n && loaded; i++) {
		int r;

		if (n > 1)
			printf("# %s\n", traces[i].file);
		r = n > 1 ? run_forked(&traces[i], mode)
			  : run_one(&traces[i], mode);
		status = worse(status, r);
		tally(&sum, &traces[i], r);
		/* Later traces still run after a difference or a block;
		 * not after the replay itself failed. */
		if (status == REPLAY_FAILED)
			break;
	}
	if (mode == MODE_CHECK && loaded)
		print_summary(&sum);
	for (size_t i = 0; i < n; i++)
		trace_free(&traces[i]);
	free(traces);
	return status;
}
