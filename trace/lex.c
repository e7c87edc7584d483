/* Lines into tokens: `#` to the end of the line is a comment, tokens are
 * separated by spaces and tabs and by nothing else. */
#include "internal.h"

static bool is_sep(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_token_char(char c)
{
	return c > ' ' && c < 0x7f;
}

int trace_lex_line(const char *line, size_t n, struct tok *toks, int cap,
		   size_t *bad)
{
	int count = 0;
	size_t i = 0;

	while (i < n && line[i] != '#') {
		size_t start;

		if (is_sep(line[i])) {
			i++;
			continue;
		}
		start = i;
		while (i < n && line[i] != '#' && !is_sep(line[i])) {
			if (!is_token_char(line[i])) {
				*bad = i;
				return -1;
			}
			i++;
		}
		if (count < cap) {
			toks[count].s = line + start;
			toks[count].n = i - start;
		}
		count++;
	}
	return count;
}
