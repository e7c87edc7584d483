/* make eacsl: the instrumented safepoll has no main of its own (the
 * replay tool's is not instrumented), so E-ACSL's memory model is set up
 * here, before main, as E-ACSL puts it at the top of an instrumented main. */
#include <stddef.h>

void __e_acsl_memory_init(int *argc_ref, char ***argv, size_t ptr_size);
void __e_acsl_memory_clean(void);
void __e_acsl_globals_init(void);
void __e_acsl_globals_clean(void);

__attribute__((constructor)) static void eacsl_init(void)
{
	__e_acsl_memory_init(NULL, NULL, sizeof(void *));
	__e_acsl_globals_init();
}

__attribute__((destructor)) static void eacsl_clean(void)
{
	__e_acsl_globals_clean();
	__e_acsl_memory_clean();
}
