/* minimize: delta debugging over the lines of a trace.  A candidate
 * keeps its lines in order; it counts as failing when it parses and its
 * first difference is of the same signature (the operation and what
 * differed) as the original's.  Each candidate runs in a child of its
 * own, which starts with only 0, 1 and 2 open, as safepoll-replay does,
 * and whose crash cannot take the minimizer down. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fdinfo.h"
#include "tool.h"

struct lines {
	char *copy; /* the text, cut at each newline */
	char **v;
	size_t n;
};

/* The child: parse and run text; its report on the pipe. */
static _Noreturn void child(const char *text, int out)
{
	struct trace t;
	int r;

	fuzz_fdinfo_forget();
	if (dup2(out, 1) < 0 || close_range(3, ~0u, 0) < 0)
		_exit(4);
	r = trace_parse(&t, "<minimize>", text, strlen(text), (char[TRACE_ERR_MAX]){ 0 });
	if (r != 0)
		_exit(2);
	if (fuzz_setup() < 0)
		_exit(4);
	_exit(tool_run_trace(&t, NULL));
}

/* Runs text; the report's first line in sig (what differed, with the
 * operation's text cut away but its name kept), the status. */
static int attempt(const char *text, struct trace_buf *report)
{
	int p[2], status;
	char chunk[4096];
	ssize_t n;
	pid_t pid;

	trace_buf_clear(report);
	trace_buf_puts(report, "");
	if (pipe(p) < 0)
		return 4;
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return 4;
	if (pid == 0)
		child(text, p[1]);
	close(p[1]);
	while ((n = read(p[0], chunk, sizeof(chunk))) > 0)
		trace_buf_put(report, chunk, (size_t)n);
	close(p[0]);
	if (waitpid(pid, &status, 0) < 0)
		return 4;
	if (WIFSIGNALED(status))
		return 3; /* a crash: kept as "differs" by signature */
	return WEXITSTATUS(status);
}

/* What kind of difference a report shows: its first `!` line up to the
 * operation's first word, or the failure line. */
static void signature(const char *report, struct trace_buf *sig)
{
	const char *bang = strstr(report, "! ");
	size_t n;

	trace_buf_clear(sig);
	trace_buf_puts(sig, "");
	if (!bang)
		return;
	n = strcspn(bang, "\n");
	/* "! model: read P.w 0 => 8" -> "! model: read"; "! model:
	 * interest of epoll fd 3 => ..." -> "! model: interest" */
	{
		const char *colon = memchr(bang, ':', n);
		const char *word = colon ? colon + 2 : bang;
		size_t w = strcspn(word, " \n");

		trace_buf_put(sig, bang, (size_t)(word - bang) + w);
	}
}

static void join(const struct lines *l, const bool *keep,
		 struct trace_buf *b)
{
	trace_buf_clear(b);
	trace_buf_puts(b, "");
	for (size_t i = 0; i < l->n; i++)
		if (keep[i]) {
			trace_buf_puts(b, l->v[i]);
			trace_buf_puts(b, "\n");
		}
}

static bool still_fails(const struct lines *l, const bool *keep,
			const char *want, struct trace_buf *text,
			struct trace_buf *report, struct trace_buf *sig)
{
	int r;

	join(l, keep, text);
	r = attempt(text->s, report);
	if (r != 1)
		return false;
	signature(report->s, sig);
	return strcmp(sig->s, want) == 0;
}

static int split(const char *text, struct lines *l)
{
	char *save = NULL;

	l->n = 0;
	l->copy = strdup(text);
	l->v = calloc(strlen(text) + 1, sizeof(char *));
	if (!l->copy || !l->v)
		return -1;
	for (char *s = strtok_r(l->copy, "\n", &save); s;
	     s = strtok_r(NULL, "\n", &save))
		l->v[l->n++] = s;
	return 0;
}

/* Removes chunks of the kept lines, halving the chunk size down to one
 * line, while the difference stays; until nothing more goes. */
static void reduce(const struct lines *l, bool *keep, const char *want,
		   struct trace_buf *text, struct trace_buf *report,
		   struct trace_buf *sig)
{
	bool progress = true;

	while (progress) {
		progress = false;
		for (size_t chunk = l->n / 2 ? l->n / 2 : 1; chunk >= 1;
		     chunk /= 2) {
			for (size_t at = 0; at < l->n; at += chunk) {
				bool saved[chunk];
				size_t cut = 0;

				for (size_t i = 0; i < chunk && at + i < l->n; i++) {
					saved[i] = keep[at + i];
					cut += keep[at + i];
					keep[at + i] = false;
				}
				if (cut && still_fails(l, keep, want, text,
						       report, sig)) {
					progress = true;
					continue;
				}
				for (size_t i = 0; i < chunk && at + i < l->n; i++)
					keep[at + i] = saved[i];
			}
			if (chunk == 1)
				break;
		}
	}
}

static int write_out(const char *out, const char *text, const char *report,
		     size_t before, size_t after)
{
	FILE *f = fopen(out, "w");

	if (!f) {
		perror(out);
		return 2;
	}
	fprintf(f, "# safepoll fuzz finding: %zu operations, cut from %zu\n",
		after, before);
	fputs("# what the harness saw first (safepoll-fuzz-tool check):\n", f);
	for (const char *s = report; *s;) {
		size_t n = strcspn(s, "\n");

		fprintf(f, "#   %.*s\n", (int)n, s);
		s += n + (s[n] == '\n');
	}
	fputs(text, f);
	return fclose(f) == 0 ? 0 : 2;
}

int tool_minimize(const char *text, const char *out)
{
	struct trace_buf t = { 0 }, report = { 0 }, sig = { 0 }, want = { 0 };
	struct lines l = { 0 };
	bool *keep;
	size_t kept = 0;
	int r;

	if (split(text, &l) < 0 || !(keep = calloc(l.n + 1, sizeof(bool))))
		return 4;
	for (size_t i = 0; i < l.n; i++)
		keep[i] = true;
	r = attempt(text, &report);
	if (r != 1) {
		fprintf(stderr,
			"safepoll-fuzz-tool: the input shows no difference "
			"(status %d)\n%s",
			r, report.s ? report.s : "");
		return r == 0 ? 1 : r;
	}
	signature(report.s, &want);
	reduce(&l, keep, want.s, &t, &report, &sig);
	for (size_t i = 0; i < l.n; i++)
		kept += keep[i];
	/* The report of the final trace, for the header. */
	join(&l, keep, &t);
	attempt(t.s, &report);
	r = write_out(out, t.s, report.s, l.n, kept);
	free(keep);
	free(l.copy);
	free(l.v);
	trace_buf_free(&t);
	trace_buf_free(&report);
	trace_buf_free(&sig);
	trace_buf_free(&want);
	return r;
}
